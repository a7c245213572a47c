/**
 * The grid's card size and column count, shared by the plain grid and the
 * virtualized one, so that a catalog looks the same on either side of
 * `VIRTUALIZE_ABOVE`. No Lit, no DOM.
 */

/** The space between cards, and around them (px). */
export const GRID_GAP = 12;

/**
 * Cards of a fixed height (the virtualizer's grid needs one) whose width flexes
 * to fill the row, sized in the list's font size (px): at 200 % text the cards
 * are twice as large, so names, badges, three lines of description and two
 * stacked buttons still fit.
 */
export function cardSize(em: number): { width: number; height: number } {
  const size = Math.max(8, Math.round(em * 2) / 2);
  return { width: Math.round(size * 16), height: Math.round(size * 15.5) };
}

/**
 * How many cards of `ideal` width a row of `available` px holds, as the
 * virtualizer's flexing grid counts them: the nearest count, so a card may
 * shrink a little to make room for one more.
 */
export function gridColumns(available: number, ideal: number): number {
  const fit = available >= ideal ? Math.floor((available - ideal) / (ideal + GRID_GAP)) + 1 : 0;
  const left = available - (fit * ideal + (fit - 1) * GRID_GAP);
  return Math.max(1, left / (ideal + GRID_GAP) >= 0.5 ? fit + 1 : fit);
}
