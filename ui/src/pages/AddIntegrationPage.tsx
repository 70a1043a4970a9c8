import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PRODUCT_NAMES } from "../components/productName";
import type { Product } from "../ipc";
import { PageHeader } from "./PageHeader";

/** The model tiles: Freshworks > Select model > the Freshdesk and Freshchat sections (source articles, steps 3–4). */
export function AddIntegrationPage() {
  const { t } = useTranslation();
  const [freshworksSelected, setFreshworksSelected] = useState(false);
  return (
    <>
      <PageHeader
        title={t("addIntegration.title")}
        crumbs={[{ label: t("nav.integrations"), to: "/integrations" }, { label: t("addIntegration.title") }]}
      />
      <Stack maw={960}>
        <Text>{t("addIntegration.chooseModel")}</Text>
        <Card withBorder padding="lg" maw={420} data-testid="tile-freshworks">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h3">
              Freshworks
            </Title>
            <Text size="sm">{t("addIntegration.freshworksBody")}</Text>
            <Button
              onClick={() => setFreshworksSelected(true)}
              variant={freshworksSelected ? "outline" : "filled"}
              aria-expanded={freshworksSelected}
              aria-controls="freshworks-models"
              data-testid="select-model-freshworks"
            >
              {t("addIntegration.selectModel")}
            </Button>
          </Stack>
        </Card>
        {freshworksSelected && (
          <SimpleGrid id="freshworks-models" cols={{ base: 1, sm: 2 }}>
            <ModelSection product="freshdesk" body={t("addIntegration.freshdeskBody")} keyWhere={t("addIntegration.freshdeskKeyWhere")} />
            <ModelSection product="freshchat" body={t("addIntegration.freshchatBody")} keyWhere={t("addIntegration.freshchatKeyWhere")} />
          </SimpleGrid>
        )}
        <Group>
          <Button component={Link} to="/integrations" variant="default">
            {t("addIntegration.back")}
          </Button>
        </Group>
      </Stack>
    </>
  );
}

function ModelSection({ product, body, keyWhere }: { product: Product; body: string; keyWhere: string }) {
  const { t } = useTranslation();
  const titleId = `model-${product}-title`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId} data-testid={`section-${product}`}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id={titleId}>
          {PRODUCT_NAMES[product]}
        </Title>
        <Text size="sm">{body}</Text>
        <Text size="sm">{t("addIntegration.prerequisites")}</Text>
        <Text size="sm" c="dimmed">
          {keyWhere}
        </Text>
        <Button
          component={Link}
          to={`/integrations/new/${product}`}
          data-testid={`add-${product}`}
          aria-label={`${t("addIntegration.addThis")}: ${PRODUCT_NAMES[product]}`}
        >
          {t("addIntegration.addThis")}
        </Button>
      </Stack>
    </Card>
  );
}
