import {sdkListener} from '../core/emitter.js';
import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {MessagingAuth} from '../types/session.js';
import {adoptStyles, releaseStyles} from './adopt-styles.js';
import {
	checkLabels,
	displayName,
	errorText,
	fill,
	type LazyLoginFormLocale,
	type LoginFormLabels,
	type LoginFormLocale,
	matchLocale,
	resolveLabels,
} from './labels.js';
import en from '../locales/en.js';

/** An extra field of the login form, sent in the credentials body under its `name`. */
export interface LoginFormField {
	/**
	Key in the JSON body POSTed to `tokenEndpoint`.

	@example 'otp'
	*/
	name: string;
	/**
	The field's visible label.

	@example 'One-time code'
	*/
	label: string;
	/**
	A text-like input type.

	@default 'text'
	@example 'tel'
	*/
	type?: string;
	/**
	The `autocomplete` hint for browsers and password managers.

	@example 'one-time-code'
	*/
	autocomplete?: string;
	/**
	Whether the form refuses to submit while the field is empty.

	@default true
	*/
	required?: boolean;
}

/**
Options of `mountLoginForm`. All optional.

@example
```ts
mountLoginForm(auth, '#support-login', {
	labels: {title: 'Chat with support', submit: 'Sign in to chat'},
	fields: [{name: 'otp', label: 'One-time code', autocomplete: 'one-time-code'}],
	nonce: 'r4nd0m',
});
```
*/
export interface LoginFormOptions {
	/**
	Texts to use instead of the language's own; any subset. Each must be text (`ERR_CONFIG` names the one that is not).

	@example {title: 'Chat with support', errors: {ERR_INVALID_CREDENTIALS: 'No account matches that email and password.'}}
	*/
	labels?: Partial<LoginFormLabels>;
	/**
	The form's language, a BCP 47 tag. Looked up as the exact tag, then its language alone (`fr-CA` → `fr`), then
	English, among `locales`. Unset, the form follows the page's `<html lang>`, also when the page changes it.

	@default the page's `<html lang>`, else `'en'`
	@example 'fr'
	*/
	locale?: string;
	/**
	The languages the form may speak besides English: the texts imported from `zendesk-messaging-auth/locales/<tag>`,
	or `{tag, load}` to load them only when needed. The form is shown once its language's texts are there (no English
	first). The script tag loads every shipped language this way, from `locales/<tag>.json` beside its bundle.

	@default []
	@example [fr, de]
	*/
	locales?: ReadonlyArray<LoginFormLocale | LazyLoginFormLocale>;
	/**
	Fields added after Email and Password; their values are sent in the credentials body too.

	@example [{name: 'company', label: 'Company', autocomplete: 'organization'}]
	*/
	fields?: LoginFormField[];
	/**
	`false` adds no stylesheet at all: for sites that style the form (under `.zma`) themselves or link `dist/style.css`.

	@default true
	@example false
	*/
	styles?: boolean;
	/**
	The page's CSP nonce. Only used where constructable stylesheets are unsupported: the styles then go in a
	`<style nonce>`; without a nonce they are left out.

	@example 'r4nd0m'
	*/
	nonce?: string;
}

/** A mounted login form. */
export interface LoginForm {
	/** Removes the form, its listeners on the auth instance and the page, and the stylesheet if no other form uses it. */
	unmount(): void;
	/**
	Switches the form's language (looked up as `locale` is); what the visitor typed stays. Without a tag, the form
	follows the page's `<html lang>` again.
	*/
	setLocale(locale?: string): void;
}

/**
Renders the login form into `target` (an element or a CSS selector) and keeps it in step with `auth`:
the form while signed out, "Signed in as NAME" and a Sign out button while signed in.
Light DOM, so password managers see the fields. Throws `ERR_CONFIG` when the target is missing or a label is not
text, before anything is attached.

@example
```ts
const auth = createMessagingAuth({tokenEndpoint: '/api/zendesk/token'});
const form = mountLoginForm(auth, '#support-login');
// later
form.unmount();
```
*/
export function mountLoginForm(auth: MessagingAuth, target: Element | string, options: LoginFormOptions = {}): LoginForm {
	let host: Element | null = null;
	try {
		host = typeof target === 'string' ? document.querySelector(target) : target;
	} catch {
		// An invalid selector matches nothing, and is reported as such.
	}

	if (!host) throw new MessagingAuthError('ERR_CONFIG', `mountLoginForm: no element matches "${String(target)}".`);
	// Labels parsed from data-labels may be anything JSON is: null and other non-objects count as none.
	const given = Object(options.labels) as Partial<LoginFormLabels>;
	checkLabels(given);
	const doc = host.ownerDocument;
	const page = doc.documentElement;
	const locales = [en, ...(options.locales ?? [])];
	let locale = en;
	let labels = resolveLabels(given);
	let requested = options.locale;
	/** Counts language choices: a language that arrives after a later choice is not applied. */
	let choice = 0;

	const make = <Tag extends keyof HTMLElementTagNameMap>(tag: Tag, parent?: Element, text?: string, role?: string) => {
		const element = doc.createElement(tag);
		if (text) element.textContent = text;
		if (role) element.setAttribute('role', role);
		parent?.append(element);
		return element;
	};

	/** The messages on show, each as the function that words it: a language switch words them again. */
	const shown = new Map<HTMLElement, () => string>();
	const show = (element: HTMLElement, text?: () => string) => {
		if (text) shown.set(element, text);
		else shown.delete(element);
		element.textContent = text?.() ?? '';
		element.hidden = !text;
	};

	const root = make('div');
	root.className = 'zma';
	const form = make('form');
	form.className = 'zma-form';
	form.noValidate = true;
	const heading = make('h2', form);
	const notice = make('p', form, '', 'status');
	const alert = make('p', form, '', 'alert');
	const fields: LoginFormField[] = [
		{name: 'email', label: '', type: 'email', autocomplete: 'username'},
		{name: 'password', label: '', type: 'password', autocomplete: 'current-password'},
		...(options.fields ?? []),
	];
	const inputs = fields.map(({name, label, type = 'text', autocomplete, required = true}) => {
		const input = make('input');
		// Text then input: labelOf() finds the text node, also for email and password, worded later by apply().
		make('label', form).append(label, input);
		input.name = name;
		input.type = type;
		input.required = required;
		if (autocomplete) input.setAttribute('autocomplete', autocomplete);
		return input;
	});
	const [email, password] = inputs as [HTMLInputElement, HTMLInputElement];
	/** A field's label as shown: its label element's text, before the input. */
	const labelOf = (input: HTMLInputElement) => input.parentNode!.firstChild as Text;
	const submit = make('button', form);

	const signedIn = make('div');
	signedIn.className = 'zma-signed-in';
	const who = make('p', signedIn);
	const chatNote = make('p', signedIn, '', 'status');
	const signOut = make('button', signedIn);
	signOut.type = 'button';

	let pending = false;
	/** Set during the visitor's own submit or sign-out: focus follows them into the next view. */
	let moveFocus = false;
	let invalid: HTMLInputElement | undefined;

	const fail = (text?: () => string, input?: HTMLInputElement, focus = input) => {
		show(alert, text);
		invalid?.removeAttribute('aria-invalid');
		(invalid = input)?.setAttribute('aria-invalid', 'true');
		focus?.focus();
	};

	const render = () => {
		const isSignedIn = auth.state === 'signed-in' || auth.state === 'refreshing';
		const view = isSignedIn ? signedIn : form;
		if (view.parentNode !== root) {
			const focus = moveFocus || root.contains(doc.activeElement);
			form.reset();
			fail();
			show(notice);
			show(chatNote);
			root.replaceChildren(view);
			if (focus) (isSignedIn ? signOut : email).focus();
		}

		who.textContent = fill(labels.signedInAs, 'name', displayName(auth.session?.claims));
		const busy = pending || auth.state === 'signing-in';
		submit.disabled = busy;
		if (busy) form.setAttribute('aria-busy', 'true');
		else form.removeAttribute('aria-busy');
	};

	let renderQueued = false;
	const renderSoon = () => {
		if (renderQueued) return;
		renderQueued = true;
		queueMicrotask(() => {
			renderQueued = false;
			if (mounted) render();
		});
	};

	form.onsubmit = async (event) => {
		event.preventDefault();
		// The disabled button is not enough: Enter in a field, or a script calling requestSubmit(), still submits.
		if (pending || auth.state === 'signing-in') return;
		show(notice);
		const index = inputs.findIndex((input) => !input.checkValidity());
		const input = inputs[index];
		if (input) return fail(() => fill(labels.invalidField, 'field', labelOf(input).data), input);
		fail();
		pending = moveFocus = true;
		render();
		let failure: MessagingAuthError | undefined;
		try {
			await auth.login(Object.fromEntries(new FormData(form)) as Record<string, string>);
		} catch (error) {
			failure = error as MessagingAuthError;
		}

		pending = moveFocus = false;
		password.value = '';
		render();
		// An operation the SDK abandoned itself (a sign-in elsewhere, a sign-out meanwhile) is no failure to show.
		if (failure && failure.code !== 'ERR_ABORTED' && form.parentNode === root) {
			// Wrong credentials: the email is what to check. Otherwise the password, to type again (it was cleared).
			const wrong = failure.code === 'ERR_INVALID_CREDENTIALS';
			const shownFailure = failure;
			fail(() => errorText(shownFailure, labels, locale.tag), wrong ? email : undefined, wrong ? email : (inputs.find((field) => !field.value) ?? email));
		}
	};
	signOut.onclick = () => {
		moveFocus = true;
		auth.logout().catch(() => {});
		moveFocus = false;
	};

	const unsubscribe = [
		// A microtask later: the widget, told of a sign-in first, gets its token before the form re-renders and moves focus.
		auth.on('statechange', renderSoon),
		auth.on('login', renderSoon),
		auth.on('logout', ({reason}) => {
			// After the re-render that brings the form back (it clears the notices).
			renderSoon();
			if (reason === 'expired') queueMicrotask(() => show(notice, () => labels.errors.ERR_SESSION_EXPIRED!));
		}),
		// The SDK's own listener: an integration fault it shows the visitor is still warned about in the console.
		auth.on('error', sdkListener(({code}: MessagingAuthError) => {
			if (code.startsWith('ERR_WIDGET') && signedIn.parentNode === root) show(chatNote, () => labels.errors[code]!);
		})),
	];

	/** Words the whole form in `next`'s language, and shows it the first time (never before its texts are there). */
	const apply = (next: LoginFormLocale) => {
		locale = next;
		labels = resolveLabels(given, next.labels);
		root.lang = next.tag;
		root.dir = next.dir ?? 'ltr';
		form.setAttribute('aria-label', (heading.textContent = labels.title));
		labelOf(email).data = labels.email;
		labelOf(password).data = labels.password;
		submit.textContent = labels.submit;
		signOut.textContent = labels.signOut;
		for (const [element, text] of shown) element.textContent = text();
		render();
		if (root.parentNode !== host) host.append(root);
	};

	/** Picks the language for the requested tag (else the page's), and applies it once its texts are there. */
	const choose = () => {
		const tag = matchLocale(requested ?? (page.lang || 'en'), locales.map((candidate) => candidate.tag)) ?? 'en';
		const next = locales.find((candidate) => candidate.tag === tag)!;
		const current = ++choice;
		// At once when the texts are at hand (English, an imported language): such a form shows in the same task.
		if ('labels' in next) apply(next);
		else {
			void next
				.load()
				.catch(() => en)
				.then((texts) => {
					if (mounted && current === choice) apply(texts);
				});
		}
	};

	const languageSwitch = new MutationObserver(() => {
		if (requested === undefined) choose();
	});
	languageSwitch.observe(page, {attributeFilter: ['lang']});
	if (options.styles !== false) adoptStyles(doc, options.nonce);
	let mounted = true;
	choose();

	return {
		unmount() {
			mounted = false;
			languageSwitch.disconnect();
			form.onsubmit = signOut.onclick = null;
			for (const off of unsubscribe) off();
			root.remove();
			releaseStyles(doc);
		},
		setLocale(tag) {
			requested = tag;
			if (mounted) choose();
		},
	};
}
