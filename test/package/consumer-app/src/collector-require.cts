// The same from CommonJS.
import collector = require('@sightline/collector');

export const started: Promise<collector.Collector> = collector.startCollector({ port: 0, quiet: true });

// @ts-expect-error the port is a number
collector.startCollector({ port: '8787' });
