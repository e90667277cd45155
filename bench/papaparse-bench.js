// The PapaParse baseline for bench/run.mjs. run.mjs chooses a file with
// setInputFiles on #file, then calls window.papaBench.run(mode, delimiter):
//   "stream": Papa.parse(file, { chunk }) reads the File in chunks (FileReader)
//             and parses each; rows are counted and dropped.
//   "string": await file.text(), then Papa.parse(text): the whole file as one
//             string, every row kept in memory.
// Both run on the main thread, the way a page that uses PapaParse without its
// worker option does. Times are performance.now() deltas in ms.
"use strict";

window.papaBench = {
  ready: typeof Papa !== "undefined",

  file() {
    const f = document.getElementById("file").files[0];
    if (!f) throw new Error("no file chosen");
    return f;
  },

  run(mode, delimiter) {
    const file = this.file();
    const out = document.getElementById("out");
    const t0 = performance.now();
    if (mode === "stream") {
      return new Promise((resolve, reject) => {
        let rows = 0;
        let errors = 0;
        Papa.parse(file, {
          delimiter: delimiter || "",
          chunk(results) {
            rows += results.data.length;
            errors += results.errors.length;
          },
          complete() {
            const ms = performance.now() - t0;
            out.textContent = `stream ${file.name}: ${rows} rows in ${ms.toFixed(0)} ms`;
            resolve({ mode, ms, rows, errors, bytes: file.size });
          },
          error(err) {
            reject(new Error(String(err && err.message ? err.message : err)));
          },
        });
      });
    }
    if (mode === "string") {
      return file.text().then((text) => {
        const tRead = performance.now();
        const result = Papa.parse(text, { delimiter: delimiter || "" });
        const ms = performance.now() - t0;
        const rows = result.data.length;
        const errors = result.errors.length;
        out.textContent = `string ${file.name}: ${rows} rows in ${ms.toFixed(0)} ms`;
        return { mode, ms, readMs: tRead - t0, rows, errors, bytes: file.size };
      });
    }
    return Promise.reject(new Error(`unknown mode ${mode}`));
  },
};
