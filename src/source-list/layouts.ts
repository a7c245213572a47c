import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { grid, GridLayout } from '@lit-labs/virtualizer/layouts/grid.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';
import { cardSize, GRID_GAP } from './grid-size.js';

type LayoutConfigValue = LitVirtualizer['layout'];

/**
 * The grid from the right, for right-to-left pages: the virtualizer places cards
 * from the left whatever `dir` says, and the arrow keys must match what is seen.
 */
class RightToLeftGridLayout extends GridLayout {
  override _getItemPosition(index: number): ReturnType<GridLayout['_getItemPosition']> {
    const position = super._getItemPosition(index);
    return { ...position, left: this._viewDim2 - position.left - (position.width ?? 0) };
  }
}

// Layout configs are kept per key: the directive hands them to the virtualizer on every render.
const LIST = flow();
const grids = new Map<string, LayoutConfigValue>();

/** The cards for the list's font size (px): see `cardSize`. */
function gridFor(em: number, rtl: boolean): LayoutConfigValue {
  const { width, height } = cardSize(em);
  const key = `${width} ${rtl}`;
  let layout = grids.get(key);
  if (!layout) {
    const ltr = grid({ itemSize: { width: `${width}px`, height: `${height}px` }, gap: `${GRID_GAP}px`, padding: `${GRID_GAP}px`, flex: { preserve: 'height' } });
    layout = rtl ? { ...ltr, type: RightToLeftGridLayout } : ltr;
    grids.set(key, layout);
  }
  return layout;
}

/** The virtualizer layout for the list's `layout`, writing direction and font size (px). */
export function layoutFor(layout: 'list' | 'grid', rtl: boolean, em = 15): LayoutConfigValue {
  return layout === 'list' ? LIST : gridFor(em, rtl);
}
