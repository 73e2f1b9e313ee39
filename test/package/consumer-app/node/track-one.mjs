// An app's whole Node script: init, one track, nothing else. The process must end by itself.
import * as sightline from '@sightline/browser';

sightline.init('consumer-node-key', { serverUrl: process.argv[2] });
sightline.track('From Node', { n: 1 }).promise.then((result) => console.log(`result ${result.code}`));
