import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    min-height: 2.5rem;
    padding: var(--connect-button-padding, 0.5rem 1rem);
    border: var(--connect-button-border, 1px solid transparent);
    border-radius: var(--connect-button-border-radius, 0.5rem);
    background: var(--connect-button-background, #1f4fd8);
    color: var(--connect-button-color, #fff);
    font: var(--connect-button-font, 600 0.9375rem/1.2 system-ui, sans-serif);
    cursor: pointer;
    width: 100%;
  }
  button:hover:not(:disabled) {
    filter: brightness(1.08);
  }
  button:focus-visible {
    outline: var(--connect-button-focus-ring, 3px solid #8fb0ff);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  :host([status='loading']) button {
    cursor: progress;
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
    min-height: 2rem;
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
`;
