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
    // shows as the same day in every time zone. A time without an offset is
    // read as UTC, not the reader's zone, so every reader sees the same date.
    // The rest is rewritten into the one form every engine's Date reads alike.
    let iso = text.toUpperCase().replace(' ', 'T');
    if (iso.length === 10) iso += 'T12:00:00Z';
    else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
    iso = iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    return sameDay(valid(new Date(iso)), text);
  }
  const m = RFC2822.exec(text);
  if (!m) return undefined;
  const [, day, mon, year, hh, mm, ss = '00', zone = '+0000'] = m;
  const month = MONTHS.indexOf(mon!.toLowerCase());
  if (month < 0) return undefined;
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
  const date = `${year}-${String(month + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`;
  return sameDay(valid(new Date(`${date}T${hh}:${mm}:${ss}${offset}`)), date);
}

/** Refuses calendar days that do not exist (2023-02-30), which Date would roll into the next month. */
function sameDay(parsed: Date | undefined, written: string): Date | undefined {
  if (!parsed) return undefined;
  const [y, m, d] = written.slice(0, 10).split('-').map(Number);
  const check = new Date(Date.UTC(y!, m! - 1, d!));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m! - 1 && check.getUTCDate() === d ? parsed : undefined;
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
