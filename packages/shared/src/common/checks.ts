// Why field checks do not use `abort: true`: zod skips an object's cross-field rules
// (even those with `when`) once any issue was explicitly aborted, so a too-long name would
// hide "an integration owner must be defined". Instead, a format check passes values that
// the min/max checks already reported, and each field still shows one message at a time.

/** Passes `value` when it is empty or longer than `max` (reported by min/max), else tests it. */
export function emptyTooLongOr(max: number, test: (value: string) => boolean): (value: string) => boolean {
  return (value) => value === "" || value.length > max || test(value);
}
