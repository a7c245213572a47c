import { css } from 'lit';

/**
 * What every element shares: the colour scheme they follow, the busy spinner
 * (static under reduced motion) and the visually hidden text.
 *
 * The colour scheme: the page's `color-scheme`, and the OS preference when it
 * is dark (a page that declares nothing still gets dark elements in dark mode);
 * `--connect-color-scheme` (`light`, `dark`, `inherit`) fixes it.
 */
export const sharedStyles = css`
  :host {
    color-scheme: var(--connect-color-scheme, inherit);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color-scheme: var(--connect-color-scheme, light dark);
    }
  }
  .spinner {
    flex: none;
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  .spinner[hidden] {
    display: none;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  /* No motion at all: a dotted ring still says "busy" (with aria-busy and the live region). */
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-style: dotted;
      border-inline-end-color: currentColor;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
