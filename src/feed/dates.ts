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
    const iso = text.length === 10 ? `${text}T12:00:00Z` : text.replace(' ', 'T');
    return valid(new Date(iso));
  }
  const m = RFC2822.exec(text);
  if (!m) return undefined;
  const [, day, mon, year, hh, mm, ss = '00', zone = '+0000'] = m;
  const month = MONTHS.indexOf(mon!.toLowerCase());
  if (month < 0) return undefined;
  const offset = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : 'Z';
  const iso = `${year}-${String(month + 1).padStart(2, '0')}-${day!.padStart(2, '0')}T${hh}:${mm}:${ss}${offset}`;
  return valid(new Date(iso));
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}
