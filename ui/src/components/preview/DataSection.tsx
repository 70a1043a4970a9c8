import { Stack } from "@mantine/core";
import { useImport } from "../../hooks/useImport";
import type { Integration } from "../../ipc";
import { ImportSection } from "./ImportSection";
import { QueuePreview } from "./QueuePreview";
import { RuleExplainer } from "./RuleExplainer";

/** F8 + F9: import, the live queue preview and the rule explainer of one integration. */
export function DataSection({ integration }: { integration: Integration }) {
  const { running } = useImport(integration.id);
  return (
    <Stack gap="lg" data-testid="data-section">
      <ImportSection integration={integration} />
      <QueuePreview integration={integration} live={running} />
      <RuleExplainer />
    </Stack>
  );
}
