import { expect } from '@open-wc/testing';
import { translationTag } from './locale-fallback.js';

const tagsOf = (tags: string[]) => tags.map(translationTag);

describe('translationTag', () => {
  it('keeps Simplified Chinese under zh, with the region a tag names', () => {
    expect(tagsOf(['zh', 'zh-Hans', 'zh-CN', 'zh-SG', 'zh-Hans-CN', 'zh-Hans-HK'])).to.deep.equal(['zh', 'zh', 'zh-CN', 'zh-SG', 'zh-CN', 'zh-HK']);
  });

  it('keeps Traditional Chinese under zh-TW, whether the script is written or implied by the region', () => {
    expect(tagsOf(['zh-Hant', 'zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant-HK', 'zh-hant-tw'])).to.deep.equal(['zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW']);
  });

  it('keeps the Portuguese of Portugal and the countries that write it under pt-PT, the rest as written', () => {
    expect(tagsOf(['pt-PT', 'pt-AO', 'pt-MZ', 'pt-TL', 'pt-BR', 'pt'])).to.deep.equal(['pt-PT', 'pt-PT', 'pt-PT', 'pt-PT', 'pt-BR', 'pt']);
  });

  it('reads no as nb, the old codes iw and in as he and id, and leaves nn its own', () => {
    expect(tagsOf(['no', 'no-NO', 'iw', 'in', 'nn'])).to.deep.equal(['nb', 'nb-NO', 'he', 'id', 'nn']);
  });

  // WebKit's Intl.Locale keeps the old codes where Chromium's and Firefox's replace them: every engine must agree.
  it('reads every old language code as its current one, with its region, in every engine', () => {
    expect(tagsOf(['iw-IL', 'in-ID', 'ji', 'jw', 'mo', 'mo-MD', 'sh', 'iw_IL'])).to.deep.equal(['he-IL', 'id-ID', 'yi', 'jv', 'ro', 'ro-MD', 'sr', 'he-IL']);
  });

  it('does not take a language that only looks like an alias for one', () => {
    expect(tagsOf(['iwa', 'inh', 'mos', 'shi', 'no-way'])).to.deep.equal(['iwa', 'inh', 'mos', 'shi', 'no-way']);
  });

  it('reads any other tag as its language and region, the two parts the registry reads', () => {
    expect(tagsOf(['de', 'de-CH', 'de_AT', 'sr-Latn-RS', 'en-US-u-nu-arab'])).to.deep.equal(['de', 'de-CH', 'de-AT', 'sr-RS', 'en-US']);
  });

  it('gives back as written what is not a language tag', () => {
    expect(tagsOf(['', '!!', 'zh-Hant-!!', '<script>'])).to.deep.equal(['', '!!', 'zh-Hant-!!', '<script>']);
  });

  it('gives the same answer when asked again, past the tags it keeps', () => {
    const tags = Array.from({ length: 100 }, (_, i) => `x-${i}`).map((tag) => `en-${tag}`);
    for (const tag of tags) translationTag(tag);
    expect(tagsOf(['zh-HK', 'zh-HK', 'no'])).to.deep.equal(['zh-TW', 'zh-TW', 'nb']);
  });
});
