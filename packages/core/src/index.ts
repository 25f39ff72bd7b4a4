// Import a module by its subpath (`@kaifaqu/core/evaluation`), so browser bundles only pull what they use.
export * from './shared/index.ts';
