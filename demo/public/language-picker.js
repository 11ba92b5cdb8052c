/*
The demo's language picker (docs/demo.md): every language the form ships, each named in itself. Choosing one sets
<html lang>, which the form follows at once (as on a site's own language switch), and puts ?lang= in the address,
so that a reload starts in that language from the first paint, as a site in that language would.
*/
const LANGUAGES = 'en ar cs da de es fi fr he hu id it ja ko nb nl pl pt pt-BR ro ru sv th tr uk vi zh-CN zh-TW'.split(' ');

const label = document.createElement('label');
label.className = 'language-picker';
label.append('Language ');
const select = document.createElement('select');
select.id = 'language-picker';
for (const tag of LANGUAGES) {
	const option = document.createElement('option');
	option.value = tag;
	option.textContent = `${new Intl.DisplayNames([tag], {type: 'language'}).of(tag) ?? tag} (${tag})`;
	select.append(option);
}

select.value = LANGUAGES.includes(document.documentElement.lang) ? document.documentElement.lang : 'en';
select.addEventListener('change', () => {
	document.documentElement.lang = select.value;
	const url = new URL(location.href);
	url.searchParams.set('lang', select.value);
	history.replaceState(history.state, '', url);
});
label.append(select);
document.querySelector('.page-header')?.append(label);
