import { Stack } from "@mantine/core";
import { useImport } from "../../hooks/useImport";
import { syncActive, useSyncStatus } from "../../hooks/useSyncStatus";
import type { Integration } from "../../ipc";
import { ImportSection } from "./ImportSection";
import { QueuePreview } from "./QueuePreview";
import { RuleExplainer } from "./RuleExplainer";
import { SyncSection } from "./SyncSection";

/** F8 + F9 (docs/product.md): import, continuous sync, the live queue preview and the rule explainer of one integration. */
export function DataSection({ integration }: { integration: Integration }) {
  const { running } = useImport(integration.id);
  const sync = useSyncStatus(integration.id);
  return (
    <Stack gap="lg" data-testid="data-section">
      <ImportSection integration={integration} />
      <SyncSection integrationId={integration.id} status={sync.data} loadError={sync.error} importRunning={running} />
      <QueuePreview integration={integration} live={running || syncActive(sync.data)} />
      <RuleExplainer />
    </Stack>
  );
}
