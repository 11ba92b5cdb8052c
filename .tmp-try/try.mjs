import config from '/work/wt/perf/rollup.config.mjs';
import {rollup} from 'rollup';
import {minify} from 'terser';
import {gzipSync} from 'node:zlib';
import {writeFileSync} from 'node:fs';
const st = config[1];
const bundle = await rollup({input: st.input, plugins: st.plugins, onwarn: () => {}});
const {output} = await bundle.generate({format: 'iife', name: 'ZendeskMessagingAuth'});
writeFileSync('/tmp/unmin.js', output[0].code);
const base = st.output.plugins[0];
const regex = /^(lastAttemptAtMs|unproductive|retryAfterMs|expiresAtMs|refreshAtMs|canRefresh|nowMs|untilMs|problem|history|attach|disconnect|diagnostics|askForSession|withRefreshLock|announceSession|announceLogout|setSignedIn|onSession|onLogout|serverNow|abortAll|current|emit|offsetMs|toLocal)$/;
const variants = {
	base: {format: {comments: false}, compress: {passes: 3}, mangle: {properties: {regex}}},
	ecma2020: {ecma: 2020, format: {comments: false}, compress: {passes: 3, ecma: 2020}, mangle: {properties: {regex}}},
	unsafe: {ecma: 2020, format: {comments: false}, compress: {passes: 3, ecma: 2020, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true, pure_getters: true}, mangle: {properties: {regex}}},
	passes5: {format: {comments: false}, compress: {passes: 5}, mangle: {properties: {regex}}},
};
for (const [name, options] of Object.entries(variants)) {
	const {code} = await minify(output[0].code, options);
	console.log(name, code.length, gzipSync(code, {level: 9}).length);
}
const mods = Object.entries(output[0].modules).map(([id, m]) => [id.replace(/^.*?(src|node_modules)\//, '$1/'), m.renderedLength]).sort((a, b) => b[1] - a[1]);
for (const [id, len] of mods) console.log(String(len).padStart(6), id);
