-- Read-only views for QGIS and other GIS clients: French column names, geometry in Lambert-93 (EPSG:2154)
-- and WGS84 (EPSG:4326), no personal data (advice appears only as counts per commune).
-- Granted to atlas_lecture (NOLOGIN here; the README shows how to give it a password).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'atlas_lecture') THEN CREATE ROLE atlas_lecture NOLOGIN; END IF;
END $$;

CREATE SCHEMA qgis;

CREATE VIEW qgis.points_lumineux_l93 AS
SELECT l.id AS identifiant, l.insee AS code_insee, c.name AS commune, c.epci_siren AS siren_epci,
  l.properties ->> 'statut' AS statut, l.properties ->> 'technologie' AS technologie,
  l.properties ->> 'puissance_w' AS puissance_w, l.properties::text AS attributs,
  l.version, l.updated_at AS modifie_le,
  ST_Transform(l.geom, 2154)::geometry(Point, 2154) AS geom
FROM atlas.lights l LEFT JOIN atlas.communes c ON c.insee = l.insee
WHERE NOT l.deleted AND l.geom IS NOT NULL;

CREATE VIEW qgis.points_lumineux_wgs84 AS
SELECT identifiant, code_insee, commune, siren_epci, statut, technologie, puissance_w, attributs, version,
  modifie_le, ST_Transform(geom, 4326)::geometry(Point, 4326) AS geom
FROM qgis.points_lumineux_l93;

CREATE VIEW qgis.friches_l93 AS
SELECT f.id AS identifiant, coalesce(f.properties ->> 'site_nom', f.properties ->> 'nom') AS nom,
  f.insee AS code_insee, c.name AS commune, c.epci_siren AS siren_epci, f.properties::text AS attributs,
  f.version, f.updated_at AS modifie_le,
  ST_Transform(f.geom, 2154)::geometry(Point, 2154) AS geom
FROM atlas.friches f LEFT JOIN atlas.communes c ON c.insee = f.insee
WHERE NOT f.deleted AND f.geom IS NOT NULL;

CREATE VIEW qgis.friches_wgs84 AS
SELECT identifiant, nom, code_insee, commune, siren_epci, attributs, version, modifie_le,
  ST_Transform(geom, 4326)::geometry(Point, 4326) AS geom
FROM qgis.friches_l93;

CREATE VIEW qgis.communes_indicateurs_wgs84 AS
SELECT c.insee AS code_insee, c.name AS nom, c.epci_siren AS siren_epci, e.name AS epci,
  c.population, c.area_km2 AS superficie_km2,
  (SELECT count(*) FROM atlas.lights l WHERE l.insee = c.insee AND NOT l.deleted) AS points_lumineux,
  (SELECT count(*) FROM atlas.advice a WHERE a.insee = c.insee AND NOT a.deleted) AS conseils,
  (SELECT count(*) FROM atlas.friches f WHERE f.insee = c.insee AND NOT f.deleted) AS friches,
  c.geom::geometry(MultiPolygon, 4326) AS geom
FROM atlas.communes c JOIN atlas.epci e ON e.siren = c.epci_siren;

CREATE VIEW qgis.communes_indicateurs_l93 AS
SELECT code_insee, nom, siren_epci, epci, population, superficie_km2, points_lumineux, conseils, friches,
  ST_Transform(geom, 2154)::geometry(MultiPolygon, 2154) AS geom
FROM qgis.communes_indicateurs_wgs84;

GRANT USAGE ON SCHEMA qgis TO atlas_lecture;
GRANT SELECT ON ALL TABLES IN SCHEMA qgis TO atlas_lecture;
-- GDAL/QGIS read PostGIS metadata (geometry_columns, spatial_ref_sys) through PUBLIC grants.
