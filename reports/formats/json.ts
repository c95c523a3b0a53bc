/**
 * The JSON contracts (`allocationJson`, `comparisonJson`, …) as text: two
 * spaces of indentation and a final line end. Every amount in a contract is
 * already a decimal string (`"34897180.00"`), never a JSON number, so this
 * writer needs to know nothing about money.
 */

/**
 * A JSON contract as the text andel prints and writes.
 *
 * @example
 * writeJson(allocationJson(result)) // '{\n  "scheme": "vgr-2022",\n …}\n'
 */
export function writeJson(contract: unknown): string {
  return JSON.stringify(contract, null, 2) + '\n';
}
