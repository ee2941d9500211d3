// The preview lives with the widgets so its imports resolve from their package.
export { default } from "../packages/widgets/storybook/preview.js";
