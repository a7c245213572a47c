import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { grid, GridLayout } from '@lit-labs/virtualizer/layouts/grid.js';
import type { LitVirtualizer } from '@lit-labs/virtualizer/LitVirtualizer.js';

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

// Layout configs are module constants: the directive hands them to the virtualizer on every render.
const LIST = flow();
/** Cards of a fixed height whose width flexes to fill the row. */
const GRID = { itemSize: { width: '240px', height: '196px' }, gap: '12px', padding: '12px', flex: { preserve: 'height' } } as const;
const GRID_LTR = grid(GRID);
const GRID_RTL = { ...GRID_LTR, type: RightToLeftGridLayout };

/** The virtualizer layout for the list's `layout` and writing direction. */
export function layoutFor(layout: 'list' | 'grid', rtl: boolean): LayoutConfigValue {
  if (layout === 'list') return LIST;
  return rtl ? GRID_RTL : GRID_LTR;
}
