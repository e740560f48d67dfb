// Today, yesterday, last 7 or 30 days, or a custom range of whole days (at most six months), in the
// browser's time zone; the page asks the API in UTC.
import { Fieldset, Group, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import classes from "./Reports.module.css";
import { presetLabels, type RangeChoice, type RangePreset, rangePresets } from "./range";

export function RangePicker({
  choice,
  problem,
  timeZone,
  onChange,
}: {
  choice: RangeChoice;
  problem: string | null;
  timeZone: string;
  onChange(change: Partial<RangeChoice>): void;
}) {
  return (
    <Stack gap={6}>
      <Group gap="sm" align="end" wrap="wrap">
        <Fieldset variant="unstyled" legend="Range" classNames={{ legend: classes.legend }}>
          <SegmentedControl
            value={choice.preset}
            onChange={(preset) => onChange({ preset: preset as RangePreset })}
            data={rangePresets.map((value) => ({ value, label: presetLabels[value] }))}
          />
        </Fieldset>
        {choice.preset === "custom" && (
          <>
            <TextInput
              type="date"
              label="First day"
              value={choice.fromDay}
              onChange={(e) => onChange({ fromDay: e.currentTarget.value })}
              w={170}
            />
            <TextInput
              type="date"
              label="Last day"
              value={choice.toDay}
              onChange={(e) => onChange({ toDay: e.currentTarget.value })}
              error={problem}
              w={170}
            />
          </>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Days and times in your time zone ({timeZone}); exports are in UTC.
      </Text>
    </Stack>
  );
}
