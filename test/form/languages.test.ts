/*
The form in the page's language (PRODUCT.md, "Languages") and the labels rule ("Labels are checked"), on jsdom with the
locales as the ES module imports them: the lookup, <html lang> followed, setLocale, right-to-left, texts loaded on
demand shown only once there, errors worded in the form's language, and what the form shows for bad input.
*/
import {screen, within} from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {MessagingAuthError} from '../../src/errors/messaging-auth-error.js';
import {type LoginFormLocale} from '../../src/form/labels.js';
import {type LoginForm, type LoginFormOptions, mountLoginForm} from '../../src/form/login-form.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';
import en from '../../src/locales/en.js';
import fr from '../../src/locales/fr.js';
import pl from '../../src/locales/pl.js';
import ptBR from '../../src/locales/pt-BR.js';
import {createFakeAuth, type FakeAuth} from './fake-auth.js';

const settled = async () => {
	for (let turn = 0; turn < 5; turn++) await Promise.resolve();
};

let host: HTMLElement;
let fake: FakeAuth;
let form: LoginForm | undefined;

beforeEach(() => {
	document.documentElement.lang = 'en';
	host = document.createElement('div');
	document.body.append(host);
	fake = createFakeAuth();
});

afterEach(() => {
	form?.unmount();
	form = undefined;
	document.body.replaceChildren();
	document.documentElement.removeAttribute('lang');
});

const mount = (options: LoginFormOptions = {}) => (form = mountLoginForm(fake.auth, host, {locales: [fr, de, ar, pl, ptBR], ...options}));
const heading = () => host.querySelector('h2')?.textContent;
const container = () => host.querySelector<HTMLElement>('.zma')!;

async function submitWith(email: string, password: string) {
	const user = userEvent.setup();
	const [emailInput, passwordInput] = host.querySelectorAll('input');
	await user.type(emailInput!, email);
	await user.type(passwordInput!, password);
	await user.click(host.querySelector('button')!);
}

describe('the form\'s language', () => {
	it('follows <html lang> with no option: a French page gets the French form at once, named and labelled in French', () => {
		document.documentElement.lang = 'fr';
		mount();
		expect(screen.getByRole('form', {name: 'Connexion'})).toBeTruthy();
		expect(screen.getByLabelText('Adresse e-mail')).toBeTruthy();
		expect(screen.getByLabelText('Mot de passe')).toBeTruthy();
		expect(within(host).getByRole('button', {name: 'Se connecter'})).toBeTruthy();
		expect([container().lang, container().dir]).toEqual(['fr', 'ltr']);
	});

	it.each([
		['fr-CA', 'Connexion'],
		['FR_be', 'Connexion'],
		['pt-BR', 'Entrar'],
		['pt-br', 'Entrar'],
		['de-Latn-AT', 'Anmelden'],
		['el', 'Sign in'],
		['', 'Sign in'],
		['not a tag!', 'Sign in'],
	])('looks %j up as the exact tag, then its language alone, then English', (tag, title) => {
		document.documentElement.lang = tag;
		mount();
		expect(heading()).toBe(title);
	});

	it('takes locale over <html lang>, and labels over the locale', () => {
		document.documentElement.lang = 'de';
		mount({locale: 'fr', labels: {submit: 'Entrer dans le chat'}});
		expect(heading()).toBe('Connexion');
		expect(within(host).getByRole('button', {name: 'Entrer dans le chat'})).toBeTruthy();
	});

	it('speaks English where the page\'s language was not given to it (an ES module app that imported none)', () => {
		document.documentElement.lang = 'fr';
		form = mountLoginForm(fake.auth, host);
		expect(heading()).toBe('Sign in');
	});

	it('lays Arabic out right to left: dir="rtl" and lang on its container', () => {
		document.documentElement.lang = 'ar';
		mount();
		expect([container().lang, container().dir]).toEqual(['ar', 'rtl']);
		expect(heading()).toBe(ar.labels.title);
	});

	it('follows a change of <html lang>, keeping what the visitor typed, and re-words the error on show', async () => {
		mount();
		await submitWith('ada@example.com', 'wrong');
		fake.fail('ERR_INVALID_CREDENTIALS');
		await settled();
		expect(screen.getByRole('alert').textContent).toBe(en.labels.errors.ERR_INVALID_CREDENTIALS);
		document.documentElement.lang = 'de';
		await settled();
		expect(heading()).toBe('Anmelden');
		expect(screen.getByRole('alert').textContent).toBe(de.labels.errors.ERR_INVALID_CREDENTIALS);
		expect(screen.getByLabelText<HTMLInputElement>('E-Mail-Adresse').value).toBe('ada@example.com');
	});

	it('setLocale() switches explicitly, <html lang> is then not followed until setLocale() without a tag', async () => {
		const mounted = mount();
		mounted.setLocale('fr');
		expect(heading()).toBe('Connexion');
		document.documentElement.lang = 'de';
		await settled();
		expect(heading()).toBe('Connexion');
		mounted.setLocale();
		expect(heading()).toBe('Anmelden');
	});

	it('stops following <html lang> once unmounted (its observer disconnected)', async () => {
		const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
		const load = vi.fn(async () => de);
		const mounted = mount({locales: [{tag: 'de', load}]});
		mounted.unmount();
		expect(disconnect).toHaveBeenCalled();
		document.documentElement.lang = 'de';
		await settled();
		expect(load).not.toHaveBeenCalled();
		disconnect.mockRestore();
	});
});

describe('texts loaded on demand', () => {
	it('shows nothing until the page\'s language is there, then the form in that language: never English first', async () => {
		document.documentElement.lang = 'fr';
		let arrive!: (locale: LoginFormLocale) => void;
		const load = vi.fn(() => new Promise<LoginFormLocale>((resolve) => (arrive = resolve)));
		mount({locales: [{tag: 'fr', load}]});
		expect(host.childNodes).toHaveLength(0);
		arrive(fr);
		await settled();
		expect(heading()).toBe('Connexion');
		expect(load).toHaveBeenCalledTimes(1);
	});

	it('shows English when the language cannot be loaded', async () => {
		document.documentElement.lang = 'fr';
		mount({locales: [{tag: 'fr', load: async () => Promise.reject(new Error('404'))}]});
		await settled();
		expect(heading()).toBe('Sign in');
	});

	it('applies only the latest choice when an earlier language arrives late', async () => {
		let arriveFr!: (locale: LoginFormLocale) => void;
		const mounted = mount({locales: [{tag: 'fr', load: () => new Promise((resolve) => (arriveFr = resolve))}, de]});
		mounted.setLocale('fr');
		mounted.setLocale('de');
		arriveFr(fr);
		await settled();
		expect(heading()).toBe('Anmelden');
	});
});

describe('errors in the form\'s language', () => {
	it.each([
		['fr', 1, 'Trop de tentatives. Veuillez réessayer dans 1 seconde.'],
		['fr', 30, 'Trop de tentatives. Veuillez réessayer dans 30 secondes.'],
		['pl', 1, 'Zbyt wiele prób. Spróbuj ponownie za 1 sekundę.'],
		['pl', 3, 'Zbyt wiele prób. Spróbuj ponownie za 3 sekundy.'],
		['pl', 5, 'Zbyt wiele prób. Spróbuj ponownie za 5 sekund.'],
		['en', 1, 'Too many attempts. Please try again in 1 second.'],
		['en', 86_400, 'Too many attempts. Please try again in 86,400 seconds.'],
	])('%s: Retry-After %d is worded with the plural form Intl.PluralRules picks', async (tag, seconds, text) => {
		mount({locale: tag});
		await submitWith('ada@example.com', 'x');
		fake.fail('ERR_RATE_LIMITED', {status: 429, retryAfterSeconds: seconds});
		await settled();
		expect(screen.getByRole('alert').textContent).toBe(text);
	});

	it.each(['en', 'fr', 'de', 'ar', 'pl', 'pt-BR'])('%s: a Retry-After beyond a day says "later", never a huge number', async (tag) => {
		mount({locale: tag});
		const locale = [en, fr, de, ar, pl, ptBR].find((candidate) => candidate.tag === tag)!;
		for (const seconds of [86_401, 1e20, Number.POSITIVE_INFINITY]) {
			await submitWith('ada@example.com', 'x');
			fake.fail('ERR_RATE_LIMITED', {status: 429, retryAfterSeconds: seconds});
			await settled();
			expect(screen.getByRole('alert').textContent).toBe(locale.labels.errors.ERR_RATE_LIMITED);
			(host.querySelector('input[type=email]') as HTMLInputElement).value = '';
		}
	});
});

describe('what the form shows for bad input (PRODUCT.md, "Rules that hold under hostile timing and input")', () => {
	it.each([
		[{name: {first: 'Ada'}, email: 'ada@example.com'}, 'Signed in as ada@example.com'],
		[{name: ['Ada'], email: 42, external_id: 'user-ada'}, 'Signed in as user-ada'],
		[{name: '', email: 'ada@example.com'}, 'Signed in as ada@example.com'],
		[{name: 'Ada Lovelace'}, 'Signed in as Ada Lovelace'],
	])('a name claim %j never shows as [object Object]: name, else email, else external_id', async (claims, text) => {
		mount();
		fake.signIn(claims as never);
		await settled();
		expect(host.textContent).toContain(text);
		expect(host.textContent).not.toContain('[object');
	});

	it.each([
		[{signedInAs: null}, 'signedInAs', 'null'],
		[{submit: 5}, 'submit', 'number'],
		[{signedInAs: undefined}, 'signedInAs', 'undefined'],
		[{errors: {ERR_NETWORK: 5}}, 'errors', 'object'],
		[{retryAfter: {other: null}}, 'retryAfter', 'object'],
	])('labels %j is ERR_CONFIG naming that label; the failed mount leaves nothing attached', async (labels, name, what) => {
		const before = fake.listenerCount();
		const observe = vi.spyOn(MutationObserver.prototype, 'observe');
		let thrown: unknown;
		try {
			mountLoginForm(fake.auth, host, {labels: labels as never});
		} catch (error) {
			thrown = error;
		}

		expect(thrown).toBeInstanceOf(MessagingAuthError);
		expect((thrown as MessagingAuthError).code).toBe('ERR_CONFIG');
		expect((thrown as MessagingAuthError).message).toBe(`labels: "${name}" must be text, not ${what}.`);
		expect(fake.listenerCount()).toBe(before);
		expect(observe).not.toHaveBeenCalled();
		expect(host.childNodes).toHaveLength(0);
		observe.mockRestore();
		// Later state changes reach no half-mounted form: nothing throws.
		fake.signIn();
		await settled();
	});

	it('accepts retryAfter as a text per plural category, and ignores a __proto__ key', () => {
		mount({labels: JSON.parse('{"retryAfter": {"one": "1 s", "other": "{seconds} s"}, "__proto__": {"title": 5}}') as never});
		expect(heading()).toBe('Sign in');
	});
});
