// Key = value rows: the conditions of a rule, or the attributes of a request to try.
import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { addRow, type PairRow, type RowErrors, removeRow, updateRow } from "./key-value-rows";

export function PairsEditor({
  noun,
  rows,
  onChange,
  errors = {},
}: {
  /** "Condition" or "Attribute": names every input ("Condition 2 value") and the buttons. */
  noun: string;
  rows: readonly PairRow[];
  onChange: (rows: PairRow[]) => void;
  errors?: RowErrors;
}) {
  return (
    <Stack gap={6}>
      {rows.map((row, index) => {
        const name = `${noun} ${index + 1}`;
        return (
          <Group key={row.rowId} gap="xs" align="start" wrap="nowrap" data-testid="pair-row">
            <TextInput
              aria-label={`${name} key`}
              placeholder="key"
              flex={1}
              value={row.key}
              onChange={(e) => onChange(updateRow(rows, row.rowId, { key: e.currentTarget.value }))}
              error={errors[row.rowId]?.key}
            />
            <Text aria-hidden pt={6}>
              =
            </Text>
            <TextInput
              aria-label={`${name} value`}
              placeholder="value"
              flex={1}
              value={row.value}
              onChange={(e) => onChange(updateRow(rows, row.rowId, { value: e.currentTarget.value }))}
              error={errors[row.rowId]?.value}
            />
            <Button
              variant="subtle"
              color="gray"
              size="compact-sm"
              mt={4}
              aria-label={`Remove ${name.toLowerCase()}`}
              onClick={() => onChange(removeRow(rows, row.rowId))}
            >
              Remove
            </Button>
          </Group>
        );
      })}
      <Group>
        <Button variant="light" size="compact-sm" onClick={() => onChange(addRow(rows))}>
          Add {noun.toLowerCase()}
        </Button>
      </Group>
    </Stack>
  );
}
