import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font: var(--source-list-font, 0.9375rem/1.4 system-ui, sans-serif);
    color: var(--source-list-color, #1f2328);
    --_border: var(--source-list-border, 1px solid #d0d7de);
    --_radius: var(--source-list-border-radius, 0.75rem);
    --_background: var(--source-list-background, #fff);
    --_muted: var(--source-list-muted-color, #57606a);
    --_accent: var(--source-list-accent, #1f4fd8);
    --_accent-color: var(--source-list-accent-color, #fff);
    --_danger: var(--source-list-danger, #b42318);
    --_focus-ring: var(--source-list-focus-ring, 3px solid #8fb0ff);
    --_icon-size: var(--source-list-icon-size, 2.5rem);
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

  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-end: 0.75rem;
  }
  [part='search'],
  [part='filters'] {
    min-height: 2.5rem;
    padding: 0.375rem 0.75rem;
    border: var(--_border);
    border-radius: 0.5rem;
    background: var(--_background);
    color: inherit;
  }
  [part='search'] {
    flex: 1 1 12rem;
    min-width: 0;
  }
  [part='filters'] {
    flex: 0 1 auto;
    max-width: 100%;
  }

  /*
   * The list scrolls itself and the virtualizer renders only what it shows, so its
   * height cannot follow its content: it is fixed (the virtualizer also sets
   * inline display, position, contain and overflow on it).
   */
  .list,
  .state {
    height: min(var(--source-list-max-height, 32rem), 85vh);
  }
  .list {
    container-type: inline-size;
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    overscroll-behavior: contain;
  }

  .item {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.75rem;
    /* The flow layout positions rows absolutely: give them the list's width. */
    width: 100%;
    padding: 0.75rem 1rem;
    border-block-end: var(--_border);
    background: var(--_background);
  }
  .item:focus-visible {
    outline-offset: -3px;
  }
  :host([layout='grid']) .item {
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) auto;
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
    justify-content: flex-start;
  }

  /* A narrow list puts the buttons under the text rather than squeezing it. */
  @container (max-width: 26rem) {
    :host(:not([layout='grid'])) .item {
      grid-template-columns: auto minmax(0, 1fr);
    }
    :host(:not([layout='grid'])) [part='actions'] {
      grid-column: 2;
      justify-content: flex-start;
    }
  }

  [part~='icon'] {
    width: var(--_icon-size);
    height: var(--_icon-size);
    border-radius: 0.5rem;
    object-fit: contain;
  }
  [part~='icon-placeholder'] {
    display: grid;
    place-items: center;
    background: #e8eefc;
    color: #1a3f9e;
    font-weight: 700;
    overflow: hidden;
  }

  .text {
    display: grid;
    align-content: start;
    gap: 0.125rem;
    min-width: 0;
  }
  .heading {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    min-width: 0;
  }
  [part='name'] {
    font-weight: 600;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badges {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  [part~='badge'] {
    padding: 0 0.5rem;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 600;
    line-height: 1.5;
    white-space: nowrap;
  }
  [part~='badge-connected'] {
    background: #dafbe1;
    color: #116329;
  }
  [part~='badge-beta'] {
    background: #fff8c5;
    color: #6c4400;
  }
  [part~='badge-coming-soon'] {
    background: #eaeef2;
    color: #424a53;
  }
  [part='category'] {
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  [part='description'],
  [part='item-error'] {
    margin: 0;
    overflow-wrap: anywhere;
  }
  /* At most 300 characters reach the DOM; a few lines of them are shown. */
  [part='description'] {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  :host([layout='grid']) [part='description'] {
    -webkit-line-clamp: 3;
    line-clamp: 3;
  }
  [part='item-error'] {
    color: var(--_danger);
    font-size: 0.875rem;
  }
  [part='item-waiting'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
    font-size: 0.875rem;
  }

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
    min-height: 2.25rem;
    padding: 0.375rem 0.875rem;
    border: 1px solid var(--_accent);
    border-radius: 0.5rem;
    background: var(--_background);
    color: var(--_accent);
    font-weight: 600;
    white-space: nowrap;
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
  [part~='action']:disabled,
  [part~='action'][aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.55;
  }

  .state {
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    margin: 0;
    padding: 2rem 1rem;
    border: var(--_border);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_muted);
    text-align: center;
  }
  .frame {
    position: relative;
  }
  /* Classes, not the loading and spinner parts: a modal fallback may render into this shadow root and use those names. */
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
`;
