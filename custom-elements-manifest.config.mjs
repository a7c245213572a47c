// `npm run analyze` keeps its options on the command line (scripts/check-manifest.mjs reads
// them there). This only stops cem from rewriting package.json's `customElements`, which
// points at the dist/ copy of the manifest the package ships (scripts/framework-types.mjs).
export default {
  packagejson: false,
};
