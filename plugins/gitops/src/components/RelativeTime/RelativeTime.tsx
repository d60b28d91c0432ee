import { DateTime } from 'luxon';

/**
 * A timestamp as "3 minutes ago", with the absolute date and time in its tooltip. Times a
 * little in the future (clock skew between backend and browser) read as "just now".
 */
export function RelativeTime(props: { value: string }) {
  const date = DateTime.fromISO(props.value);
  if (!date.isValid) {
    return <>{props.value}</>;
  }
  const now = DateTime.now();
  const relative =
    date >= now.minus({ seconds: 1 })
      ? 'just now'
      : date.toRelative({ base: now });
  return (
    <time
      dateTime={date.toUTC().toISO() ?? props.value}
      title={date.toLocaleString(DateTime.DATETIME_FULL)}
    >
      {relative}
    </time>
  );
}

/** A timestamp as an absolute date and time, with "3 minutes ago" in its tooltip. */
export function AbsoluteTime(props: { value: string }) {
  const date = DateTime.fromISO(props.value);
  if (!date.isValid) {
    return <>{props.value}</>;
  }
  return (
    <time
      dateTime={date.toUTC().toISO() ?? props.value}
      title={date.toRelative() ?? undefined}
    >
      {date.toLocaleString(DateTime.DATETIME_MED_WITH_SECONDS)}
    </time>
  );
}
