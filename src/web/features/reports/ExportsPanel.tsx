// CSV exports of the current range and filters, run in the background; the latest ten with their status
// and, once complete, a link to the file.
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from "@mantine/core";
import type { ExportJob, ExportStatus, ReportFilters } from "../../../shared/reports";
import { ApiError } from "../../lib/api";
import { useExports, useRequestExport } from "./api";
import { count, localDateTime } from "./format";

const statusColor: Record<ExportStatus, string> = {
  queued: "gray",
  running: "indigo",
  complete: "teal",
  failed: "red",
};
const statusText: Record<ExportStatus, string> = {
  queued: "Queued",
  running: "Running",
  complete: "Complete",
  failed: "Failed",
};

function JobRow({ job }: { job: ExportJob }) {
  return (
    <Table.Tr data-export-id={job.id}>
      <Table.Td>{localDateTime(job.createdAt)}</Table.Td>
      <Table.Td>
        {localDateTime(job.range.from)} – {localDateTime(job.range.to)}
      </Table.Td>
      <Table.Td>
        <Badge color={statusColor[job.status]} variant="light" data-testid="export-status">
          {statusText[job.status]}
        </Badge>
        {job.error && (
          <Text size="xs" c="red.9">
            {job.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{job.rowCount === null ? "—" : count(job.rowCount)}</Table.Td>
      <Table.Td>
        {job.downloadUrl ? (
          <Anchor href={job.downloadUrl} download={job.fileName}>
            Download <VisuallyHidden>{job.fileName}</VisuallyHidden>
          </Anchor>
        ) : (
          "—"
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function ExportsPanel({ range, filters }: { range: { from: Date; to: Date } | null; filters: ReportFilters }) {
  const jobs = useExports();
  const request = useRequestExport();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h4" id="exports-title">
          Exports
        </Title>
        <Button
          disabled={!range}
          loading={request.isPending}
          onClick={() =>
            range && request.mutate({ range: { from: range.from.toISOString(), to: range.to.toISOString() }, filters })
          }
        >
          Export CSV
        </Button>
      </Group>
      {request.error && (
        <Alert color="red">
          {request.error instanceof ApiError ? request.error.message : "Could not start the export."}
        </Alert>
      )}
      <Table withTableBorder fz="sm" aria-labelledby="exports-title">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Requested</Table.Th>
            <Table.Th>Range</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Rows</Table.Th>
            <Table.Th>File</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(jobs.data ?? []).map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </Table.Tbody>
      </Table>
      {jobs.isSuccess && jobs.data.length === 0 && (
        <Text c="dimmed" size="sm" ta="center">
          No exports yet. An export covers the range and filters above, as a CSV file with times in UTC.
        </Text>
      )}
    </Stack>
  );
}
