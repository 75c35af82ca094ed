/** Whether `el` is rendered (not `display:none`, not `visibility:hidden`, not in a closed dialog). */
export function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(el, { visibilityProperty: true });
  const view = el.ownerDocument.defaultView;
  return el.getClientRects().length > 0 && view?.getComputedStyle(el).visibility !== 'hidden';
}
