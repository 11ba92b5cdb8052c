// The headless app on the ES module build, imported as a single-page app would (ky resolved by the import map).
import * as sdk from '/dist/index.js';

window.__startApp(sdk);
