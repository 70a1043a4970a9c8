import { PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Product } from "../ipc";

/**
 * The "Credentials" section: Domain and API key (masked, with show/hide). Shared by the setup
 * form and the edit form.
 */
export function CredentialsFields(props: {
  product: Product;
  domain: string;
  apiKey: string;
  onDomain: (value: string) => void;
  onApiKey: (value: string) => void;
  domainError?: string;
  apiKeyError?: string;
  expandedTo?: string | null;
  disabled: boolean;
  keyOptional?: boolean;
}) {
  const { t } = useTranslation();
  const freshdesk = props.product === "freshdesk";
  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Title order={2} size="h4" component="legend" mb="xs">
        {t("setup.credentials")}
      </Title>
      <TextInput
        id="integration-domain"
        label={t("setup.domain")}
        description={freshdesk ? t("setup.domainHelpFreshdesk") : t("setup.domainHelpFreshchat")}
        placeholder={freshdesk ? "example.freshdesk.com" : "example.freshchat.com"}
        value={props.domain}
        onChange={(e) => props.onDomain(e.currentTarget.value)}
        error={props.domainError}
        disabled={props.disabled}
        required
        autoComplete="off"
        spellCheck={false}
      />
      {props.expandedTo && (
        <Text size="sm" data-testid="domain-expanded" role="status">
          {t("setup.domainExpanded", { host: props.expandedTo })}
        </Text>
      )}
      <PasswordInput
        id="integration-api-key"
        label={t("setup.apiKey")}
        description={
          props.keyOptional
            ? t("editIntegration.keyHelp")
            : freshdesk
              ? t("setup.apiKeyHelpFreshdesk")
              : t("setup.apiKeyHelpFreshchat")
        }
        value={props.apiKey}
        onChange={(e) => props.onApiKey(e.currentTarget.value)}
        error={props.apiKeyError}
        disabled={props.disabled}
        required={!props.keyOptional}
        autoComplete="off"
        // Keyboard users can reach the show/hide toggle too (Mantine skips it by default).
        visibilityToggleButtonProps={{ "aria-label": t("setup.showKey"), tabIndex: 0 }}
      />
    </Stack>
  );
}
