// Requires every specifier given on the command line (Node CommonJS) and prints each one's export names.
const names = {};
for (const specifier of process.argv.slice(2)) names[specifier] = Object.keys(require(specifier)).sort();
console.log(JSON.stringify(names));
