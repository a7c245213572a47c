import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    --_background: var(--connect-button-background, light-dark(#1f4fd8, #8fb0ff));
    --_color: var(--connect-button-color, light-dark(#fff, #0d1117));
    --_focus-ring: var(--connect-button-focus-ring, 3px solid var(--connect-focus-ring-color, light-dark(#1f4fd8, #8fb0ff)));
    --_muted: var(--connect-button-muted-color, light-dark(#57606a, #9198a1));
    --_danger: var(--connect-button-danger, light-dark(#b42318, #ffa198));
    --_disabled-background: var(--connect-button-disabled-background, light-dark(#eaeef2, #30363d));
    --_disabled-color: var(--connect-button-disabled-color, light-dark(#57606a, #9198a1));
    max-inline-size: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-block-size: 2.5rem;
    max-inline-size: 100%;
    padding: var(--connect-button-padding, 0.5rem 1rem);
    border: var(--connect-button-border, 1px solid transparent);
    border-radius: var(--connect-button-border-radius, 0.5rem);
    background: var(--_background);
    color: var(--_color);
    font: var(--connect-button-font, 600 0.9375rem/1.2 system-ui, sans-serif);
    text-align: center;
    overflow-wrap: anywhere;
    cursor: pointer;
    width: 100%;
  }
  button:hover:not(:disabled) {
    filter: brightness(1.08);
  }
  button:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  /* Disabled reads as unavailable, not as a faded live button. */
  button:disabled {
    cursor: not-allowed;
    border-style: dashed;
    border-color: currentColor;
    background: var(--_disabled-background);
    color: var(--_disabled-color);
  }
  :host([status='loading']) button {
    cursor: progress;
  }
  /* A flow is open in its own window: the button says so (a click brings that window to the front). */
  :host([status='open']) [part='button'] {
    border-color: var(--_background);
    background: transparent;
    color: var(--connect-button-open-color, light-dark(#1f4fd8, #8fb0ff));
  }
  .open-indicator {
    flex: none;
    inline-size: 0.5em;
    block-size: 0.5em;
    border-radius: 50%;
    background: currentColor;
  }
  .open-indicator[hidden] {
    display: none;
  }
  :host([status='error']) [part='button'] {
    outline: 2px solid var(--_danger);
    outline-offset: 2px;
  }
  :host([status='error']) [part='button']:focus-visible {
    outline: var(--_focus-ring);
  }
  .message {
    display: block;
    margin-block-start: 0.375rem;
    color: var(--_danger);
    font: 0.875rem/1.3 system-ui, sans-serif;
    overflow-wrap: anywhere;
  }
  .waiting {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin-block-start: 0.375rem;
    font: 0.875rem/1.3 system-ui, sans-serif;
  }
  button.cancel {
    display: inline-flex;
    width: auto;
    min-block-size: 2rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
  }
  [part='icon']:not(.has-icon) {
    display: none;
  }
  @media (forced-colors: active) {
    button:focus-visible {
      outline-color: Highlight;
    }
    :host([status='error']) [part='button'] {
      outline-color: Mark;
    }
    button:disabled {
      border-color: GrayText;
      color: GrayText;
    }
  }
`;
