/**
 * Dates in feeds. JSON Feed asks for RFC 3339, but real feeds (WordPress
 * among them) send RFC 2822. Both are read here; anything else is refused
 * rather than guessed.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RFC2822 =
  /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|gmt|ut|utc|z)?$/i;

/** The instant a feed date names, or `undefined` when it is not RFC 3339 or RFC 2822. */
export function parseFeedDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (RFC3339.test(text)) {
    // A date without a time is a calendar day: read it as midday UTC so it
    // shows as the same day in every time zone.
    if (text.length === 10) return sameDay(new Date(`${text}T12:00:00Z`), text);
    // A time without an offset is read as UTC, not the reader's zone, so every
    // reader sees the same day; the rest is rewritten into the one form every
    // engine's Date reads alike.
    let iso = text.toUpperCase().replace(' ', 'T');
    if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
    else if (/[+-]\d{4}$/.test(iso)) iso = `${iso.slice(0, -2)}:${iso.slice(-2)}`;
    return sameDay(new Date(iso), text);
  }
  const m = RFC2822.exec(text);
  if (!m) return undefined;
  const [, day, mon, year, hh, mm, ss = '00', zone = '+0000'] = m;
  const month = MONTHS.indexOf(mon!.toLowerCase());
  if (month < 0) return undefined;
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
  const date = `${year}-${String(month + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return sameDay(new Date(`${date}T${hh}:${mm}:${ss}${offset}`), date);
}

/** Refuses calendar days that do not exist (2023-02-30), which Date would roll into the next month. */
function sameDay(parsed: Date, written: string): Date | undefined {
  if (Number.isNaN(parsed.getTime())) return undefined;
  const day = Number(written.slice(8, 10));
  if (day <= 28) return parsed;
  const year = Number(written.slice(0, 4));
  const month = Number(written.slice(5, 7));
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate() ? parsed : undefined;
}
