import {sdkListener} from '../core/emitter.js';
import {MessagingAuthError} from '../errors/messaging-auth-error.js';
import type {MessagingAuth} from '../types/session.js';
import {adoptStyles, releaseStyles} from './adopt-styles.js';
import {errorText, fill, type LoginFormLabels, resolveLabels} from './labels.js';

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
	Texts to use instead of the English defaults; any subset.

	@example {title: 'Connexion', email: 'E-mail', errors: {ERR_INVALID_CREDENTIALS: 'E-mail ou mot de passe incorrect.'}}
	*/
	labels?: Partial<LoginFormLabels>;
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
}

/**
Renders the login form into `target` (an element or a CSS selector) and keeps it in step with `auth`:
the form while signed out, "Signed in as NAME" and a Sign out button while signed in.
Light DOM, so password managers see the fields. Throws `ERR_CONFIG` when the target is missing.

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
	const doc = host.ownerDocument;
	const labels = resolveLabels(options.labels);

	const make = <Tag extends keyof HTMLElementTagNameMap>(tag: Tag, parent?: Element, text?: string, role?: string) => {
		const element = doc.createElement(tag);
		if (text) element.textContent = text;
		if (role) element.setAttribute('role', role);
		parent?.append(element);
		return element;
	};

	const show = (element: HTMLElement, text = '') => {
		element.textContent = text;
		element.hidden = !text;
	};

	const root = make('div');
	root.className = 'zma';
	const form = make('form');
	form.className = 'zma-form';
	form.noValidate = true;
	form.setAttribute('aria-label', labels.title);
	make('h2', form, labels.title);
	const notice = make('p', form, '', 'status');
	const alert = make('p', form, '', 'alert');
	const fields: LoginFormField[] = [
		{name: 'email', label: labels.email, type: 'email', autocomplete: 'username'},
		{name: 'password', label: labels.password, type: 'password', autocomplete: 'current-password'},
		...(options.fields ?? []),
	];
	const inputs = fields.map(({name, label, type = 'text', autocomplete, required = true}) => {
		const input = make('input', make('label', form, label));
		input.name = name;
		input.type = type;
		input.required = required;
		if (autocomplete) input.setAttribute('autocomplete', autocomplete);
		return input;
	});
	const [email, password] = inputs as [HTMLInputElement, HTMLInputElement];
	const submit = make('button', form, labels.submit);

	const signedIn = make('div');
	signedIn.className = 'zma-signed-in';
	const who = make('p', signedIn);
	const chatNote = make('p', signedIn, '', 'status');
	const signOut = make('button', signedIn, labels.signOut);
	signOut.type = 'button';

	let pending = false;
	/** Set during the visitor's own submit or sign-out: focus follows them into the next view. */
	let moveFocus = false;
	let invalid: HTMLInputElement | undefined;

	const fail = (text = '', input?: HTMLInputElement, focus = input) => {
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

		const claims = auth.session?.claims;
		who.textContent = fill(labels.signedInAs, 'name', claims?.name || claims?.email || claims?.external_id || '');
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
		if (index >= 0) return fail(fill(labels.invalidField, 'field', fields[index]!.label), inputs[index]);
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
			fail(errorText(failure, labels), wrong ? email : undefined, wrong ? email : (inputs.find((input) => !input.value) ?? email));
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
			if (reason === 'expired') queueMicrotask(() => show(notice, labels.errors.ERR_SESSION_EXPIRED));
		}),
		// The SDK's own listener: an integration fault it shows the visitor is still warned about in the console.
		auth.on('error', sdkListener(({code}: MessagingAuthError) => {
			if (code.startsWith('ERR_WIDGET') && signedIn.parentNode === root) show(chatNote, labels.errors[code]);
		})),
	];
	if (options.styles !== false) adoptStyles(doc, options.nonce);
	render();
	host.append(root);

	let mounted = true;
	return {
		unmount() {
			mounted = false;
			form.onsubmit = signOut.onclick = null;
			for (const off of unsubscribe) off();
			root.remove();
			releaseStyles(doc);
		},
	};
}
