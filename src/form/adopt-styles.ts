import {LOGIN_FORM_CSS} from './styles.js';

/** How to take the stylesheet out again, per document that has it: one per document, however many forms it holds. */
const added = new WeakMap<Document, () => void>();

/**
Gives `doc` the form's stylesheet without `'unsafe-inline'`: a constructable stylesheet in `adoptedStyleSheets`,
else a `<style>` carrying the page's CSP nonce, else nothing (the site can link dist/style.css).
*/
export function adoptStyles(doc: Document, nonce: string | undefined): void {
	if (added.has(doc)) return;
	const view = doc.defaultView as (Window & typeof globalThis) | null;
	if (view && 'adoptedStyleSheets' in doc && 'replaceSync' in view.CSSStyleSheet.prototype) {
		// A constructed sheet can only be adopted by the document of the window that constructed it.
		const sheet = new view.CSSStyleSheet();
		sheet.replaceSync(LOGIN_FORM_CSS);
		// Assigned, not pushed: adoptedStyleSheets was a frozen array before Chrome 99 and Safari 16.4.
		doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
		added.set(doc, () => {
			doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
		});
	} else if (nonce) {
		const style = doc.createElement('style');
		style.setAttribute('nonce', nonce);
		style.textContent = LOGIN_FORM_CSS;
		doc.head.append(style);
		added.set(doc, () => style.remove());
	}
}

/** Takes the stylesheet out of `doc` once no form is left in it (the last unmount). */
export function releaseStyles(doc: Document): void {
	if (doc.querySelector('.zma')) return;
	added.get(doc)?.();
	added.delete(doc);
}
