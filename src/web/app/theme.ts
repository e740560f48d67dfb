import { createTheme } from "@mantine/core";

export const theme = createTheme({ primaryColor: "indigo", defaultRadius: "md" });
