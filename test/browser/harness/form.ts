/*
The login form of PRODUCT.md as a visitor finds it: by role and label, as assistive technology does.
*/
import {ADA, type TestUser} from './backend.js';
import {MOUNT_ID} from './pages.js';
import {WAIT_MS, type Locator, type Page} from './page.js';

export const mount = (page: Page) => page.locator(`#${MOUNT_ID}`);
export const loginForm = (page: Page) => mount(page).getByRole('form', {name: 'Sign in'});
export const emailField = (page: Page) => loginForm(page).getByLabel('Email', {exact: true});
export const passwordField = (page: Page) => loginForm(page).getByLabel('Password', {exact: true});
export const signInButton = (page: Page) => loginForm(page).getByRole('button', {name: 'Sign in', exact: true});
export const signOutButton = (page: Page) => mount(page).getByRole('button', {name: 'Sign out', exact: true});
export const alert = (page: Page) => mount(page).getByRole('alert');
export const signedInText = (page: Page, name: string) => mount(page).getByText(`Signed in as ${name}`, {exact: true});

export const visible = (locator: Locator, timeout = WAIT_MS) => locator.waitFor({state: 'visible', timeout});

/** Waits for the form, fills it in and submits it with the button. */
export async function signInWithForm(page: Page, {email, password}: Pick<TestUser, 'email' | 'password'> = ADA): Promise<void> {
	await visible(loginForm(page));
	await emailField(page).fill(email);
	await passwordField(page).fill(password);
	await signInButton(page).click();
}
