/*
The login form's stylesheet, and the text of dist/style.css (rollup.config.mjs emits it from this module: keep it import-free).
Scoped under the container's class. Colours read custom properties with a fallback rather than defining them on .zma,
so a site can set them anywhere up the tree (:root, its own container) and win. Unset, --zma-text and --zma-font
leave colour and font inherited. Nothing here sets display on an element the form hides with the hidden attribute:
an author rule would override the browser's [hidden]{display:none}.
*/
export const LOGIN_FORM_CSS = `.zma{max-width:22rem;color:var(--zma-text);font-family:var(--zma-font)}
.zma>*>*{margin:0 0 .75rem}
.zma h2{font-size:1.25em}
.zma label{display:block}
.zma input{display:block;box-sizing:border-box;width:100%;margin-top:.25rem;padding:.5rem;font:inherit;border:1px solid #8c8c8c;border-radius:var(--zma-radius,6px)}
.zma [aria-invalid=true]{border-color:var(--zma-error,#c4221f)}
.zma [role=alert]{color:var(--zma-error,#c4221f)}
.zma button{padding:.5rem 1rem;font:inherit;color:var(--zma-accent-text,#fff);background:var(--zma-accent,#1f73b7);border:0;border-radius:var(--zma-radius,6px)}
.zma :disabled{opacity:.6}
`;
