// The demo's Horizon-like drawer shell: <theme-drawer> owns a modal <dialog> (open, close,
// toggle, isOpen); the dialog's own Escape handling and focus management apply.
export class ThemeDrawer extends HTMLElement {
  connectedCallback() {
    this.addEventListener('click', (event) => {
      const dialog = this.querySelector('dialog');
      if (event.target.closest('[data-drawer-close]') || event.target === dialog) this.close();
    });
  }

  get isOpen() {
    return this.hasAttribute('open');
  }

  open() {
    const dialog = this.querySelector('dialog');
    if (!dialog || dialog.open) return;
    dialog.showModal();
    this.setAttribute('open', '');
    this.dispatchEvent(new CustomEvent('theme-drawer:open', { bubbles: true }));
  }

  close() {
    const dialog = this.querySelector('dialog');
    if (dialog && dialog.open) dialog.close();
    this.removeAttribute('open');
  }

  toggle() {
    if (this.isOpen) this.close();
    else this.open();
  }
}
if (!customElements.get('theme-drawer')) customElements.define('theme-drawer', ThemeDrawer);
