/**
 * Splits one CSV record (RFC 4180: fields separated by commas, a field in double quotes may
 * hold commas and doubled quotes). Records must not span lines, which holds for the
 * ip-location-db files (an organisation name never contains a line break). Written for speed:
 * the ASN files hold over 500,000 records and a general parser allocates several times more.
 *
 * @example
 * splitCsvLine('1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."') // ['1.0.0.0', '1.0.0.255', '13335', 'Cloudflare, Inc.']
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      i++;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(value);
      const comma = line.indexOf(',', i);
      if (comma < 0) return fields;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}
