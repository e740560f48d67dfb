// The matching rule of routing (PRODUCT.md, "Routing and assignment"): a rule matches when every one of
// its conditions equals the request's attribute of that key. Shared so the "Try it" panel and the server
// can never disagree.
export interface Condition {
  key: string;
  value: string;
}

export function conditionsMatch(conditions: readonly Condition[], attributes: Record<string, string>): boolean {
  return (
    conditions.length > 0 && conditions.every((c) => Object.hasOwn(attributes, c.key) && attributes[c.key] === c.value)
  );
}
