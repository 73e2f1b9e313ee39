// A Node test script's use of the collector (ESM).
import { startCollector, type Collector } from '@sightline/collector';

export const started: Promise<Collector> = startCollector({ port: 0, quiet: true });

// @ts-expect-error the port is a number
startCollector({ port: '8787' });
