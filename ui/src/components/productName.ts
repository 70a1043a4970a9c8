import type { Product } from "../ipc";

/** Product names are never translated. */
export const PRODUCT_NAMES: Record<Product, string> = { freshdesk: "Freshdesk", freshchat: "Freshchat" };
