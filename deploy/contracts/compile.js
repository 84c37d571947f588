// Compiles src/*.sol with the pinned solc-js and writes artifacts/<Name>.json
// ({contractName, compiler, abi, bytecode, deployedBytecode}) plus .abi and .bin for abigen.
// With --check it compares instead of writing, and fails when they differ.
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const check = process.argv.includes("--check");
const srcDir = path.join(__dirname, "src");
const outDir = path.join(__dirname, "artifacts");
const sources = {};
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), "utf8") };
}
const input = {
  language: "Solidity",
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "cancun",
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === "error");
for (const e of out.errors || []) console.error(e.formattedMessage);
if (errors.length) process.exit(1);

let stale = [];
for (const file of Object.keys(out.contracts).sort()) {
  for (const name of Object.keys(out.contracts[file]).sort()) {
    const c = out.contracts[file][name];
    if (!c.evm.bytecode.object) continue; // an interface
    const files = {
      [name + ".json"]: JSON.stringify({ contractName: name, compiler: "solc-js " + solc.version(), abi: c.abi, bytecode: "0x" + c.evm.bytecode.object, deployedBytecode: "0x" + c.evm.deployedBytecode.object }, null, 2) + "\n",
      [name + ".abi"]: JSON.stringify(c.abi) + "\n",
      [name + ".bin"]: c.evm.bytecode.object + "\n",
    };
    for (const [f, data] of Object.entries(files)) {
      const p = path.join(outDir, f);
      if (check) {
        if (!fs.existsSync(p) || fs.readFileSync(p, "utf8") !== data) stale.push(f);
      } else {
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(p, data);
      }
    }
  }
}
if (stale.length) {
  console.error("artifacts are not current: " + stale.join(", ") + " (run: npm run compile)");
  process.exit(1);
}
console.error(check ? "artifacts are current" : "artifacts written to " + outDir);
