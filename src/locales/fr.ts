import type {LoginFormLocale} from '../form/labels.js';

/** French. */
const fr: LoginFormLocale = {
	tag: 'fr',
	labels: {
		title: 'Connexion',
		email: 'Adresse e-mail',
		password: 'Mot de passe',
		submit: 'Se connecter',
		signedInAs: 'Connecté en tant que {name}',
		signOut: 'Se déconnecter',
		invalidField: 'Le champ «\u00a0{field}\u00a0» est vide ou invalide.',
		retryAfter: {
			one: 'Trop de tentatives. Veuillez réessayer dans {seconds} seconde.',
			many: 'Trop de tentatives. Veuillez réessayer dans {seconds} de secondes.',
			other: 'Trop de tentatives. Veuillez réessayer dans {seconds} secondes.',
		},
		errors: {
			ERR_CONFIG: 'La connexion est momentanément indisponible. Veuillez réessayer plus tard.',
			ERR_INVALID_CREDENTIALS: 'Adresse e-mail ou mot de passe incorrect.',
			ERR_RATE_LIMITED: 'Trop de tentatives. Veuillez réessayer plus tard.',
			ERR_TOKEN_ENDPOINT: 'La connexion est momentanément indisponible. Veuillez réessayer plus tard.',
			ERR_NETWORK: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
			ERR_TIMEOUT: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
			ERR_INVALID_TOKEN: 'La connexion est momentanément indisponible. Veuillez réessayer plus tard.',
			ERR_SESSION_EXPIRED: 'Votre session a expiré. Veuillez vous reconnecter.',
			ERR_WIDGET_UNAVAILABLE: 'Le chat est momentanément indisponible.',
			ERR_WIDGET_LOGIN_FAILED: 'Le chat est momentanément indisponible.',
		},
	},
};

export default fr;
