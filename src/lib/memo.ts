/**
 * The one memo utility, and the app's one pattern for derived data: a module-level `memoLast` over the
 * store's raw values (`const tableOf = memoLast((points, settings) => buildTable(points, settings))`), called
 * from hooks or selectors with the current values. Every panel, map layer and legend that needs the same
 * figure calls the same memoised function, so they share one result and cannot disagree; nothing derived is
 * kept in a store of its own.
 *
 * Remembers the last result of `fn`: recomputed only when an argument changes, compared with Object.is
 * (so NaN equals NaN, +0 differs from -0, objects by reference) or when the number of arguments changes.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A) => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i])))
      return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
