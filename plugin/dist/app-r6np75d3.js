// @bun
// src/core/wait-for.ts
function waitFor(watch, probe, options) {
  return new Promise((resolve, reject) => {
    let settled = false;
    let handle;
    const finish = (value, error) => {
      if (settled)
        return;
      settled = true;
      if (timer)
        clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      handle?.close();
      if (error)
        reject(error);
      else
        resolve(value);
    };
    const onAbort = () => finish(undefined);
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => finish(undefined), options.timeoutMs);
    options.signal?.addEventListener("abort", onAbort);
    let queue = Promise.resolve();
    const onChange = (hint) => queue = queue.then(async () => {
      if (settled)
        return;
      try {
        const value = await probe(hint);
        if (value !== undefined)
          finish(value);
      } catch (error) {
        finish(undefined, error);
      }
    });
    watch(onChange).then((h) => {
      if (settled)
        h.close();
      else
        handle = h;
    }, (error) => finish(undefined, error));
    if (options.signal?.aborted)
      finish(undefined);
  });
}

export { waitFor };
