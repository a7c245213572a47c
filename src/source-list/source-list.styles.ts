import { css } from 'lit';

// The reasons for the rules are JS comments around the css`` blocks: a comment inside
// one would ship to every page (they were a tenth of the element's gzip size).

/** The theme's custom properties, resolved once; box sizing and the focus ring. */
const base = css`
  :host {
    display: block;
    font: var(--source-list-font, 0.9375rem/1.4 system-ui, sans-serif);
    color: var(--source-list-color, light-dark(#1f2328, #e6edf3));
    --_border: var(--source-list-border, 1px solid light-dark(#d0d7de, #3d444d));
    --_control-border: var(--source-list-control-border, 1px solid light-dark(#8c959f, #6e7681));
    --_radius: var(--source-list-border-radius, 0.75rem);
    --_background: var(--source-list-background, light-dark(#fff, #161b22));
    --_muted: var(--source-list-muted-color, light-dark(#57606a, #9198a1));
    --_accent: var(--source-list-accent, light-dark(#1f4fd8, #8fb0ff));
    --_accent-color: var(--source-list-accent-color, light-dark(#fff, #0d1117));
    --_danger: var(--source-list-danger, light-dark(#b42318, #ffa198));
    --_focus-ring: var(--source-list-focus-ring, 3px solid var(--connect-focus-ring-color, light-dark(#1f4fd8, #8fb0ff)));
    --_icon-size: var(--source-list-icon-size, 2.5rem);
    --_disabled-background: var(--source-list-disabled-background, light-dark(#eaeef2, #30363d));
    --_disabled-color: var(--source-list-disabled-color, light-dark(#57606a, #9198a1));
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select {
    font: inherit;
  }
  :focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
`;

const toolbar = css`
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }
  [part='search'],
  [part='filters'] {
    min-block-size: 2.5rem;
    padding-block: 0.375rem;
    padding-inline: 0.75rem;
    border: var(--_control-border);
    border-radius: 0.5rem;
    background: var(--_background);
    color: inherit;
  }
  [part='search'] {
    flex: 1 1 12rem;
    min-inline-size: 0;
  }
  [part='filters'] {
    flex: 0 1 auto;
    max-inline-size: 100%;
  }
`;

/**
 * The list scrolls itself, and grows with its sources up to its height. A
 * virtualized one renders only what it shows, so its height cannot follow its
 * content: it is fixed (the virtualizer also sets inline display, position,
 * contain and overflow on it), as is a busy one's. The loading, error and empty
 * states need no full list's height. A scrollbar that comes and goes would
 * change every row's width, and so their heights, in a loop: its gutter is kept.
 * A plain list lays out and paints the rows past the first screenful only when
 * they scroll into view (200 rows cost about what 24 do); the first ones always,
 * so that a short list's height is exact. The scroller is the containing block
 * of what is absolutely positioned in it (every action's visually hidden name):
 * else those of the rows below its view stretch the page with a blank tail.
 */
const list = css`
  .list {
    position: relative;
    max-block-size: min(var(--source-list-max-height, 32rem), 85vh);
    overflow-y: auto;
    container-type: inline-size;
    overscroll-behavior: contain;
    scrollbar-gutter: stable;
  }
  .virtual,
  .list[aria-busy] {
    block-size: min(var(--source-list-max-height, 32rem), 85vh);
  }
  .list:not(.virtual) > .item:nth-child(n + 25) {
    content-visibility: auto;
    contain-intrinsic-block-size: auto 5.5rem;
  }
  .list,
  .state {
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
  }
`;

/**
 * One source: a row, or a card in the grid. The virtualizer's flow layout
 * positions rows absolutely: they get the list's width. A plain grid's cards are
 * placed as the virtualizer places them (their columns and height are set from
 * the element, as its grid counts them; these are the values until then): 16em
 * wide at least, widened to fill the row, 15.5em high. A card's buttons are of
 * equal width, side by side when they fit, else stacked full width. A narrow
 * list puts the buttons under the text rather than squeezing it.
 */
const item = css`
  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.75rem;
    width: 100%;
    padding-block: 0.75rem;
    padding-inline: 1rem;
    border-block-end: var(--_border);
    background: var(--_background);
  }
  .item:focus-visible {
    outline-offset: -3px;
  }
  :host([layout='grid']) .list:not(.virtual) {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 16em), 1fr));
    grid-auto-rows: 15.5em;
    align-content: start;
    gap: 12px;
    padding: 12px;
  }
  :host([layout='grid']) .item {
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) auto;
    padding: 0.75rem;
    align-items: start;
    border: var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  :host([layout='grid']) .text {
    align-self: stretch;
    overflow: hidden;
  }
  :host([layout='grid']) [part='actions'] {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 7.5em), 1fr));
  }
  :host([layout='grid']) [part~='action'] {
    justify-content: center;
  }
  @container (max-width: 26rem) {
    :host(:not([layout='grid'])) .item {
      grid-template-columns: auto minmax(0, 1fr);
    }
    :host(:not([layout='grid'])) [part='actions'] {
      grid-column: 2;
      justify-content: flex-start;
    }
  }
`;

/**
 * What an item says. Provider text keeps its own direction without reordering
 * what is around it: the name has `dir="auto"`, the description is a `<bdi>`,
 * `<p>`s are isolated by the browser's own style, and the category here. Names wrap rather than clip: at 200 % text a cut name is no name.
 * A badge's border is transparent, so forced colours draw its edge. At most 300
 * characters of a description reach the DOM; a few lines of them are shown.
 * Several accounts: a row each, under the text; a grid card keeps its size (the
 * virtualizer's grid needs one), its accounts scroll inside it under a one-line
 * description. An unknown preset's badge looks like "Coming soon".
 */
const text = css`
  [part~='icon'] {
    width: var(--_icon-size);
    height: var(--_icon-size);
    border-radius: 0.5rem;
    object-fit: contain;
  }
  [part~='icon-placeholder'] {
    display: grid;
    place-items: center;
    background: var(--source-list-placeholder-background, light-dark(#e8eefc, #1a2a55));
    color: var(--source-list-placeholder-color, light-dark(#1a3f9e, #b6c8ff));
    font-weight: 700;
    overflow: hidden;
  }

  .text {
    display: grid;
    align-content: start;
    gap: 0.125rem;
    min-inline-size: 0;
  }
  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    min-inline-size: 0;
  }
  [part='name'] {
    font-weight: 600;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
  }
  .badges {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  [part~='badge'] {
    padding-block: 0;
    padding-inline: 0.5rem;
    border: 1px solid transparent;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 1.5;
    white-space: nowrap;
  }
  [part~='badge-connected'] {
    background: var(--source-list-connected-background, light-dark(#dafbe1, #1b4721));
    color: var(--source-list-connected-color, light-dark(#116329, #aff5b4));
  }
  [part~='badge-beta'] {
    background: var(--source-list-beta-background, light-dark(#fff8c5, #3b2e00));
    color: var(--source-list-beta-color, light-dark(#6c4400, #f2cc60));
  }
  [part~='badge-coming-soon'],
  [part~='badge-unavailable'] {
    background: var(--source-list-coming-soon-background, light-dark(#eaeef2, #30363d));
    color: var(--source-list-coming-soon-color, light-dark(#424a53, #d1d7e0));
  }
  [part='category'] {
    color: var(--_muted);
    font-size: 0.8125rem;
    unicode-bidi: isolate;
  }
  [part='description'],
  [part='item-error'] {
    margin: 0;
    overflow-wrap: anywhere;
    font-size: 0.875rem;
  }
  [part='description'] {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
    color: var(--_muted);
  }
  :host([layout='grid']) [part='description'] {
    -webkit-line-clamp: 3;
    line-clamp: 3;
  }
  [part='item-error'] {
    color: var(--_danger);
  }
  .accounts {
    display: grid;
    margin: 0.25rem 0 0;
    padding: 0;
    list-style: none;
  }
  [part='account'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    padding-block: 0.375rem;
    border-block-start: var(--_border);
  }
  [part='account-label'] {
    flex: 1 1 8em;
    min-inline-size: 0;
    overflow-wrap: anywhere;
    font-size: 0.875rem;
  }
  .account-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-inline-start: auto;
  }
  :host([layout='grid']) .text:has(.accounts) {
    display: flex;
    flex-direction: column;
  }
  :host([layout='grid']) .accounts {
    flex: 1 1 0;
    min-block-size: 2.5em;
    overflow-y: auto;
  }
  :host([layout='grid']) .text:has(.accounts) [part='description'] {
    -webkit-line-clamp: 1;
    line-clamp: 1;
  }
  [part='item-waiting'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
    font-size: 0.875rem;
  }
`;

/**
 * Every button of an item, and Retry. A label wraps, never clips ("Reconn"):
 * 320 px wide at 200 % text. "Coming soon" is unavailable, not a faded live button.
 */
const actions = css`
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  [part~='action'],
  [part='retry'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    min-block-size: 2.25rem;
    max-inline-size: 100%;
    padding-block: 0.375rem;
    padding-inline: 0.875rem;
    border: 1px solid var(--_accent);
    border-radius: 0.5rem;
    background: var(--_background);
    color: var(--_accent);
    font-weight: 600;
    overflow-wrap: anywhere;
    text-align: center;
    cursor: pointer;
  }
  [part~='connect'],
  [part='retry'] {
    background: var(--_accent);
    color: var(--_accent-color);
  }
  [part~='disconnect'] {
    border-color: currentColor;
    color: var(--_danger);
  }
  [part~='action'][aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }
  [part~='action']:disabled {
    cursor: not-allowed;
    border-style: dashed;
    border-color: currentColor;
    background: var(--_disabled-background);
    color: var(--_disabled-color);
  }
`;

/**
 * The loading, error and empty states. The overlay is a class, not the
 * `loading` and `spinner` parts: a modal fallback may render into this shadow
 * root and use those names. The probe is 1em wide: its resizes say the font
 * size changed, and the grid's card size with it.
 */
const states = css`
  .state {
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    min-block-size: min(12rem, 85vh);
    margin: 0;
    padding-block: 2rem;
    padding-inline: 1rem;
    color: var(--_muted);
    text-align: center;
  }
  .frame {
    position: relative;
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    justify-content: center;
    align-items: center;
    gap: 0.5rem;
    margin: 0;
    color: var(--_muted);
  }
  .error p {
    margin: 0;
    color: var(--_danger);
  }
  .em-probe {
    position: absolute;
    inline-size: 1em;
    block-size: 0;
    visibility: hidden;
    pointer-events: none;
  }

  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
    [part~='badge'] {
      border-color: CanvasText;
    }
    [part~='action']:disabled {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;

export const styles = css`
  ${base}${toolbar}${list}${item}${text}${actions}${states}
`;
