// A page that is planned but not built yet; hidden from the navigation until it is.
import { Text, Title } from "@mantine/core";

export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text mt="md">Coming soon.</Text>
    </>
  );
}
