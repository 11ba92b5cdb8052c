// The user store the recipes call: one account, as a site's own password check would find it. Test data only.
export interface Account {
	id: string;
	name: string;
	email: string;
}

const ADA: Account & {password: string} = {id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine'};

/** The account these credentials open, or null. */
export async function verifyPassword(email: string, password: string): Promise<Account | null> {
	return email === ADA.email && password === ADA.password ? {id: ADA.id, name: ADA.name, email: ADA.email} : null;
}
