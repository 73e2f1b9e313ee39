// The app's browser entry, bundled with rollup from the installed packages.
import * as sightline from '@sightline/browser/lite';
import { pageViewsPlugin } from '@sightline/plugin-page-views';
import { webVitalsPlugin } from '@sightline/plugin-web-vitals';

sightline.add(pageViewsPlugin());
sightline.add(webVitalsPlugin());
sightline.init('YOUR_API_KEY');
sightline.track('App Loaded');
