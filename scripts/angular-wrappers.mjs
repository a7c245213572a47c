#!/usr/bin/env node
/**
 * After the build: `connect-elements/angular`, one standalone Angular directive per element,
 * generated from custom-elements.json and compiled by ngc in partial mode into
 *
 *   dist/angular.js                 Ivy partial declarations (the app's Angular CLI links them)
 *   dist/types/angular/index.d.ts   the directives' types, which strictTemplates checks against
 *
 * Why directives and not CUSTOM_ELEMENTS_SCHEMA: the schema lets any tag, `[property]` and
 * value through. Without it, Angular's template checker refuses a tag that no directive's
 * selector matches (a misspelt tag) and a binding that is neither a matched directive's input
 * nor a known DOM property. Each directive's selector is the element's own tag, so the element
 * Angular renders is the custom element itself, children and all. (A component would be
 * checked the same way; a directive adds no view and no content projection.)
 *
 * - Inputs: every public writable property in the manifest, typed from the element class and
 *   set on the element when bound. Booleans also take `''` (a bare `disabled` attribute) and
 *   numbers a numeric string (`timeout="30"`): strictTemplates types a static attribute that
 *   matches an input as its string, and the element wants the boolean or the number.
 * - Outputs: every event, under its exact name (`connect-success`), typed with its event class.
 *   They never emit: Angular listens for the DOM event of every `(event)` binding, outputs or
 *   not, so the element's own event reaches the handler once; an emitting output would call
 *   it twice. The output is what types `$event`.
 * - Methods and read-only properties are passed through to the element; `el` is the element.
 *
 * ngc compiles with `compilationMode: 'partial'`: code in node_modules is never compiled by the
 * app's ngc, and full (AOT) output is tied to one Angular version; partial declarations are
 * what Angular libraries publish and what the app's linker turns into its own version's code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
/** Inside the package, so `connect-elements` resolves to dist/ by the package's own `exports`. */
const WORK = join(ROOT, 'node_modules/.cache/connect-elements-angular');
const PACKAGE = 'connect-elements';

const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
const doc = (text, indent = '  ') => {
  const lines = (text ?? '').trim().replace(/\*\//g, '*\\/').split('\n');
  if (!lines[0]) return '';
  return lines.length === 1 ? `${indent}/** ${lines[0]} */\n` : `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join('\n')}\n${indent} */\n`;
};

/** The manifest's elements and, for each, the members a template can reach. */
function elements() {
  const cem = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const declarations = cem.modules.flatMap((mod) => mod.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName);
  return declarations.map((declaration) => {
    const members = (declaration.members ?? []).filter(
      (member) => !member.static && member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#') && (member.description?.trim() || member.attribute),
    );
    return {
      ...declaration,
      inputs: members.filter((member) => member.kind === 'field' && !member.readonly),
      getters: members.filter((member) => member.kind === 'field' && member.readonly),
      methods: members.filter((member) => member.kind === 'method'),
      events: (declaration.events ?? []).filter((event) => event.name && event.type?.text),
    };
  });
}

/** What a binding may give an input, and how the value reaches the element. */
function inputOf(element, member) {
  const own = `${element.name}['${member.name}']`;
  const text = member.type?.text ?? '';
  // The element's `scopes` reads as string[] and takes a string or an array.
  if (member.name === 'scopes') return { type: 'string | readonly string[]', read: own, value: 'value' };
  if (text === 'boolean') return { type: `${own} | ''`, read: own, value: "value === '' || value" };
  if (text === 'number') return { type: `${own} | \`\${number}\``, read: own, value: 'Number(value)' };
  return { type: own, read: own, value: 'value' };
}

function directive(element) {
  // ConnectButtonElement → ConnectButton (Angular's style since v20: no Directive suffix).
  const name = element.name.replace(/Element$/, '');
  const el = element.name;
  const lines = [];
  lines.push(doc(`\`<${element.tagName}>\` for Angular templates: ${element.summary ?? ''}\n\nIt is the \`<${element.tagName}>\` itself: bindings set the element's properties,\n\`(connect-*)\` bindings get the element's own events.`, ''));
  lines.push(`@Directive({ selector: '${element.tagName}' })\nexport class ${name} {\n`);
  lines.push(`  /** The \`<${element.tagName}>\` element. */\n  readonly el: ${el} = inject<ElementRef<${el}>>(ElementRef).nativeElement;\n\n`);
  for (const member of element.inputs) {
    const input = inputOf(element, member);
    lines.push(doc(member.description));
    lines.push(`  @Input() set ${member.name}(value: ${input.type}) {\n    this.el.${member.name} = ${input.value};\n  }\n  get ${member.name}(): ${input.read} {\n    return this.el.${member.name};\n  }\n\n`);
  }
  for (const member of element.getters) {
    lines.push(doc(member.description));
    lines.push(`  get ${member.name}(): ${el}['${member.name}'] {\n    return this.el.${member.name};\n  }\n\n`);
  }
  for (const member of element.methods) {
    lines.push(doc(member.description));
    lines.push(`  ${member.name}(...args: Parameters<${el}['${member.name}']>): ReturnType<${el}['${member.name}']> {\n    return this.el.${member.name}(...args);\n  }\n\n`);
  }
  for (const event of element.events) {
    lines.push(doc(`${event.description ?? ''}\n\nTypes \`$event\` in \`(${event.name})\`; never emits (Angular hands the handler the element's own event).`));
    lines.push(`  @Output('${event.name}') readonly ${camel(event.name)} = new EventEmitter<${event.type.text}>();\n\n`);
  }
  lines[lines.length - 1] = lines.at(-1).replace(/\n\n$/, '\n');
  lines.push('}\n');
  return { name, source: lines.join('') };
}

function source(list) {
  const directives = list.map(directive);
  const types = [...new Set([...list.map((element) => element.name), ...list.flatMap((element) => element.events.map((event) => event.type.text))])].sort();
  return [
    '// connect-elements/angular: generated from custom-elements.json by scripts/angular-wrappers.mjs.',
    '// Importing it registers the elements (it imports connect-elements/define).',
    "import { Directive, ElementRef, EventEmitter, Input, Output, inject } from '@angular/core';",
    `import '${PACKAGE}/define';`,
    `import type {\n${types.map((type) => `  ${type},\n`).join('')}} from '${PACKAGE}';`,
    '',
    directives.map((d) => d.source).join('\n'),
  ].join('\n');
}

const list = elements();
if (list.length === 0) throw new Error('custom-elements.json lists no elements');
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
writeFileSync(join(WORK, 'index.ts'), source(list));
writeFileSync(
  join(WORK, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ES2022',
        moduleResolution: 'bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        strict: true,
        declaration: true,
        sourceMap: false,
        noEmitOnError: true,
        // dist/types is checked by the build's tsc; here only the generated file is.
        skipLibCheck: true,
        types: [],
        rootDir: '.',
        outDir: 'out',
      },
      angularCompilerOptions: { compilationMode: 'partial', strictTemplates: true, strictInjectionParameters: true, strictInputAccessModifiers: true },
      files: ['index.ts'],
    },
    null,
    2,
  ),
);
const ngc = spawnSync(join(ROOT, 'node_modules/.bin/ngc'), ['-p', join(WORK, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
if (ngc.status !== 0) {
  console.error(`ngc failed on the generated ${join(WORK, 'index.ts')}`);
  process.exit(ngc.status ?? 1);
}
mkdirSync(join(DIST, 'types/angular'), { recursive: true });
renameSync(join(WORK, 'out/index.js'), join(DIST, 'angular.js'));
renameSync(join(WORK, 'out/index.d.ts'), join(DIST, 'types/angular/index.d.ts'));
console.log(`Angular directives for ${list.map((element) => `<${element.tagName}>`).join(', ')} written to dist/angular.js and dist/types/angular/index.d.ts`);
