import { startEmulator, startPlugin, urnOf, uniqueEmail } from './harness.mjs';
const [a, b] = process.argv.slice(2);
const emulator = await startEmulator();
const plugins = [];
for (const binary of [a, b]) {
  const p = await startPlugin({ binary, args: [] });
  await p.configure({ args: { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, requestsPerMinute: '100000' } });
  plugins.push(p);
}
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const res = plugins.map(() => ({ empty: [], create: [] }));
for (let round = 0; round < 12; round++) {
  for (let i = 0; i < plugins.length; i++) {
    const p = plugins[i];
    for (let k = 0; k < 25; k++) {
      let t = process.hrtime.bigint();
      await p.getPluginInfo();
      res[i].empty.push(Number(process.hrtime.bigint() - t) / 1e6);
      const urn = urnOf(`u${round}x${k}`);
      const news = { userName: uniqueEmail('b'), displayName: 'Bench' };
      const checked = await p.check({ urn, news });
      t = process.hrtime.bigint();
      await p.create({ urn, properties: checked.inputs ?? news });
      res[i].create.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
}
plugins.forEach((p, i) => console.log(`${[a, b][i]}: empty ${med(res[i].empty).toFixed(2)} ms, create ${med(res[i].create).toFixed(2)} ms`));
for (const p of plugins) await p.stop?.();
await emulator.stop?.();
process.exit(0);
